import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Table,
  Typography,
  Upload,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { PageTitle } from '../../app/AppShell';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatTimestamp, todayInVietnam } from '../../i18n/format';
import { fill, useLanguage, useLocalize, useMessages } from '../../i18n/language';
import { hasRole, useMe } from '../../session/session';
import type { Person } from '../../api/registry';
import { UnitTreeSelect } from '../admin/UnitTreeSelect';
import { useUnits } from '../admin/useUnits';
import {
  CSV_MEDIA_TYPE,
  ratingsApi,
  XLSX_MEDIA_TYPE,
  type ListedRating,
  type RatingImportReport,
  type RatingList,
  type RatingSubjectKind,
} from './api';
import { ratingsMessages } from './ratings.messages';
import { RATING_KEEPERS } from './roles';

interface Selection {
  unitId: string;
  year: number;
}

/** One line of the table: the unit itself first, then each of its people, rated or not. */
interface Row {
  key: string;
  kind: RatingSubjectKind;
  code: string;
  name: string;
  rating: ListedRating | null;
}

interface EditForm {
  rating: string;
  basis: string;
}

const lastYear = () => Number(todayInVietnam().slice(0, 4)) - 1;

function mediaTypeOf(fileName: string): string | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.xlsx')) return XLSX_MEDIA_TYPE;
  if (lower.endsWith('.csv')) return CSV_MEDIA_TYPE;
  return null;
}

/** `/ratings`: a unit's and its people's ratings for a year; enter one, or import a file. */
export function RatingsPage() {
  const t = useMessages(ratingsMessages);
  const localize = useLocalize();
  const { language } = useLanguage();
  const me = useMe();
  const keeper = me !== null && me !== undefined && hasRole(me, ...RATING_KEEPERS);
  const units = useUnits();
  const [form] = Form.useForm<{ unitId: string | null; year: number }>();
  const [selection, setSelection] = useState<Selection | null>(null);
  const [ratings, setRatings] = useState<RatingList | null>(null);
  const [people, setPeople] = useState<Person[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [reloads, setReloads] = useState(0);
  const [editing, setEditing] = useState<Row | null>(null);
  const [importReport, setImportReport] = useState<RatingImportReport | null>(null);
  const [importError, setImportError] = useState<unknown>(null);
  const [importing, setImporting] = useState(false);
  const [wrongType, setWrongType] = useState(false);

  const firstUnit = units.roots[0]?.unit.id ?? null;
  useEffect(() => {
    if (firstUnit !== null && !form.getFieldValue('unitId')) {
      form.setFieldValue('unitId', firstUnit);
    }
  }, [firstUnit, form]);

  useEffect(() => {
    if (selection === null) return;
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    Promise.all([
      ratingsApi.list(selection.year, selection.unitId, controller.signal),
      ratingsApi.peopleOf(selection.unitId, controller.signal),
    ])
      .then(([list, members]) => {
        setRatings(list);
        setPeople(members);
      })
      .catch((failure: unknown) => {
        if (!controller.signal.aborted) {
          setRatings(null);
          setError(failure);
        }
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [selection, reloads]);

  const unit = units.units.find((u) => u.id === selection?.unitId);
  const rows = useMemo((): Row[] => {
    if (ratings === null || selection === null || unit === undefined) return [];
    const ratingOf = (kind: RatingSubjectKind, id: string) =>
      ratings.items.find((r) => r.subjectKind === kind && r.subjectId === id) ?? null;
    return [
      {
        key: unit.id,
        kind: 'unit',
        code: unit.code,
        name: unit.name,
        rating: ratingOf('unit', unit.id),
      },
      ...people.map((person): Row => ({
        key: person.id,
        kind: 'person',
        code: person.code,
        name: person.fullName,
        rating: ratingOf('person', person.id),
      })),
    ];
  }, [ratings, people, selection, unit]);

  const reload = useCallback(() => setReloads((n) => n + 1), []);

  const importFile = async (file: File) => {
    const mediaType = mediaTypeOf(file.name);
    setWrongType(mediaType === null);
    if (mediaType === null) return;
    setImporting(true);
    setImportError(null);
    setImportReport(null);
    try {
      setImportReport(await ratingsApi.importFile(file, mediaType));
      reload();
    } catch (failure) {
      setImportError(failure);
    } finally {
      setImporting(false);
    }
  };

  const columns: ColumnsType<Row> = [
    { title: t.columnCode, dataIndex: 'code', key: 'code' },
    {
      title: t.columnName,
      key: 'name',
      render: (_, row) => (row.kind === 'unit' ? `${row.name} (${t.theUnit})` : row.name),
    },
    {
      title: t.columnRating,
      key: 'rating',
      render: (_, row) =>
        row.rating === null ? (
          <Typography.Text type="secondary">{t.notRated}</Typography.Text>
        ) : (
          localize(row.rating.ratingName)
        ),
    },
    { title: t.columnBasis, key: 'basis', render: (_, row) => row.rating?.basis ?? '' },
    {
      title: t.columnEntered,
      key: 'entered',
      render: (_, row) =>
        row.rating === null
          ? ''
          : `${row.rating.enteredBy.username}, ${formatTimestamp(row.rating.enteredAt, language)}`,
    },
    ...(keeper
      ? [
          {
            title: t.columnAction,
            key: 'action',
            render: (_: unknown, row: Row) => (
              <Button
                size="small"
                onClick={() => setEditing(row)}
                aria-label={fill(t.editOf, { name: row.name, year: selection?.year ?? '' })}
              >
                {t.edit}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageTitle>{t.title}</PageTitle>
      <Typography.Paragraph>{t.intro}</Typography.Paragraph>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.filters}</h2>} size="small">
        <Form
          form={form}
          layout="inline"
          initialValues={{ unitId: null, year: lastYear() }}
          onFinish={(values) => {
            if (values.unitId) setSelection({ unitId: values.unitId, year: values.year });
          }}
          style={{ rowGap: 8 }}
        >
          <Form.Item
            name="unitId"
            label={t.unit}
            rules={[{ required: true, message: t.pickUnit }]}
            style={{ minWidth: 320 }}
          >
            <UnitTreeSelect roots={units.roots} loading={units.loading} />
          </Form.Item>
          <Form.Item name="year" label={t.year} rules={[{ required: true }]}>
            <InputNumber min={2000} max={lastYear() + 1} precision={0} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={loading}>
              {t.show}
            </Button>
          </Form.Item>
        </Form>
      </Card>
      <div style={{ marginTop: 16 }}>
        <ProblemAlert error={error ?? units.error} />
      </div>
      {ratings !== null && selection !== null && (
        <section aria-labelledby="ratings-list" style={{ marginTop: 16 }}>
          <Typography.Title level={2} style={{ fontSize: 18 }} id="ratings-list">
            {fill(t.listTitle, { year: selection.year })}
          </Typography.Title>
          {ratings.scale.length === 0 && <Alert type="warning" title={t.noUnitScale} />}
          <Table<Row> columns={columns} dataSource={rows} pagination={false} size="small" />
        </section>
      )}
      {keeper && (
        <Card
          style={{ marginTop: 24 }}
          title={
            <h2 style={{ fontSize: 16, margin: 0 }} id="ratings-import">
              {t.importTitle}
            </h2>
          }
          size="small"
        >
          <Typography.Paragraph>{t.importIntro}</Typography.Paragraph>
          <Flex gap={8} wrap>
            <Button
              icon={<DownloadOutlined aria-hidden />}
              onClick={() => void ratingsApi.template('xlsx', language)}
            >
              {t.templateXlsx}
            </Button>
            <Button
              icon={<DownloadOutlined aria-hidden />}
              onClick={() => void ratingsApi.template('csv', language)}
            >
              {t.templateCsv}
            </Button>
            <Upload
              accept=".xlsx,.csv"
              multiple={false}
              showUploadList={false}
              disabled={importing}
              beforeUpload={(file) => {
                const accepted = mediaTypeOf(file.name) !== null;
                setWrongType(!accepted);
                return accepted ? true : Upload.LIST_IGNORE;
              }}
              customRequest={({ file, onSuccess }) => {
                void importFile(file as File).finally(() => onSuccess?.(null));
              }}
            >
              <Button icon={<UploadOutlined aria-hidden />} loading={importing}>
                {t.chooseFile}
              </Button>
            </Upload>
          </Flex>
          <div style={{ marginTop: 12 }} aria-live="polite">
            {wrongType && <Alert type="error" role="alert" showIcon title={t.wrongType} />}
            <ProblemAlert error={importError} />
            {importReport && (
              <Alert
                type="success"
                showIcon
                title={fill(t.imported, {
                  rows: importReport.rowsTotal,
                  created: importReport.created,
                  updated: importReport.updated,
                  unchanged: importReport.unchanged,
                })}
              />
            )}
          </div>
        </Card>
      )}
      {editing !== null && ratings !== null && selection !== null && (
        <EditRating
          row={editing}
          year={selection.year}
          list={ratings}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            reload();
          }}
        />
      )}
    </>
  );
}

function EditRating({
  row,
  year,
  list,
  onClose,
  onSaved,
}: {
  row: Row;
  year: number;
  list: RatingList;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useMessages(ratingsMessages);
  const localize = useLocalize();
  const [form] = Form.useForm<EditForm>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const save = async (values: EditForm) => {
    setSaving(true);
    setError(null);
    try {
      await ratingsApi.save({
        kind: row.kind,
        subjectId: row.key,
        year,
        rating: values.rating,
        basis: values.basis.trim(),
      });
      onSaved();
    } catch (failure) {
      setError(failure);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={fill(t.editOf, { name: row.name, year })}
      okText={t.save}
      cancelText={t.cancel}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <ProblemAlert error={error} />
      <Form<EditForm>
        form={form}
        layout="vertical"
        initialValues={{ rating: row.rating?.rating, basis: row.rating?.basis ?? '' }}
        onFinish={(values) => void save(values)}
      >
        <Form.Item
          name="rating"
          label={t.rating}
          rules={[{ required: true, message: t.ratingRequired }]}
        >
          <Select
            options={list.scale.map((level) => ({
              value: level.code,
              label: localize(level.name),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="basis"
          label={t.basis}
          rules={[{ required: true, whitespace: true, message: t.basisRequired }, { max: 500 }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
