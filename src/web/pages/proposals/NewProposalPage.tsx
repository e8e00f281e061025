import { Button, Checkbox, Form, Input, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { PageTitle } from '../../app/AppShell';
import { ProblemAlert } from '../../components/ProblemAlert';
import type { CaseListItem } from '../../components/case/caseApi';
import { useLocalize, useMessages } from '../../i18n/language';
import { UnitTreeSelect } from '../admin/UnitTreeSelect';
import { useUnits } from '../admin/useUnits';
import { proposalApi, type AuthorityChoice } from './api';
import { proposalMessages } from './proposals.messages';
import { foldedSearch } from '../../i18n/fold';

/**
 * The nominations to send, as a group of checkboxes. Form.Item hands its control ARIA attributes
 * (required, invalid) that a group of checkboxes may not carry: this control takes the value and
 * leaves them out.
 */
function NominationChecks({
  id,
  value,
  onChange,
  options,
  label,
}: {
  id?: string;
  value?: string[];
  onChange?: (value: string[]) => void;
  options: { value: string; label: string }[];
  label: string;
}) {
  return (
    <div id={id} role="group" aria-label={label}>
      <Checkbox.Group
        style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
        value={value}
        onChange={(checked) => onChange?.(checked)}
        options={options}
      />
    </div>
  );
}

interface NewProposalForm {
  unitId: string;
  nominationIds: string[];
  authority: string;
  receivingUnitId?: string | null;
  basis?: string;
}

/**
 * `/proposals/new` ("Propose upward"): the proposing unit's secretariat picks the nominations the
 * council recommended, the competent level and, when it is a unit above in this system, that unit.
 * The server checks every choice (stage, subtree, authority, the unit above) and numbers the letter.
 */
export function NewProposalPage() {
  const t = useMessages(proposalMessages);
  const localize = useLocalize();
  const navigate = useNavigate();
  const units = useUnits();
  const [form] = Form.useForm<NewProposalForm>();
  const unitId = Form.useWatch('unitId', form);
  const authority = Form.useWatch('authority', form);
  const [recipients, setRecipients] = useState<{ id: string; name: string }[]>([]);
  const [nominations, setNominations] = useState<CaseListItem[]>([]);
  const [authorities, setAuthorities] = useState<AuthorityChoice[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [sending, setSending] = useState(false);

  useEffect(() => {
    if (!unitId) return;
    const controller = new AbortController();
    Promise.all([
      proposalApi.recommended(unitId, controller.signal),
      proposalApi.authorities(unitId, controller.signal),
    ])
      .then(([list, authority]) => {
        setNominations(list.items);
        setAuthorities(authority.available);
      })
      .catch((failure: unknown) => {
        if (!controller.signal.aborted) setError(failure);
      });
    return () => controller.abort();
  }, [unitId]);

  // The units above that act as the chosen authority: the only ones that may receive it here.
  useEffect(() => {
    form.setFieldValue('receivingUnitId', null);
    if (!unitId || !authority) {
      setRecipients([]);
      return;
    }
    const controller = new AbortController();
    proposalApi
      .recipients(unitId, authority, controller.signal)
      .then((list) => {
        setRecipients(list.items);
        if (list.items.length > 0) form.setFieldValue('receivingUnitId', list.items[0].id);
      })
      .catch((failure: unknown) => {
        if (!controller.signal.aborted) setError(failure);
      });
    return () => controller.abort();
  }, [unitId, authority, form]);

  const submit = async (values: NewProposalForm) => {
    setSending(true);
    setError(null);
    try {
      const basis = (values.basis ?? '')
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean);
      const created = await proposalApi.propose(values.unitId, {
        nominationIds: values.nominationIds,
        to: {
          authority: values.authority,
          ...(values.receivingUnitId ? { unitId: values.receivingUnitId } : {}),
        },
        ...(basis.length > 0 ? { basis } : {}),
      });
      void navigate(`/proposals/${encodeURIComponent(created.id)}`);
    } catch (failure) {
      setError(failure);
    } finally {
      setSending(false);
    }
  };

  return (
    <>
      <PageTitle>{t.newTitle}</PageTitle>
      <Typography.Paragraph type="secondary">{t.newIntro}</Typography.Paragraph>
      <ProblemAlert error={error} />
      <Form form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 720 }}>
        <Form.Item
          name="unitId"
          label={t.proposingUnit}
          rules={[{ required: true, message: t.pickUnit }]}
        >
          <UnitTreeSelect roots={units.roots} loading={units.loading} />
        </Form.Item>
        {unitId && (
          <Form.Item
            name="nominationIds"
            label={t.nominations}
            rules={[{ required: true, type: 'array', min: 1, message: t.pickNominations }]}
          >
            {nominations.length === 0 ? (
              <Typography.Text type="secondary">{t.noRecommended}</Typography.Text>
            ) : (
              <NominationChecks
                label={t.nominations}
                options={nominations.map((item) => ({
                  value: item.id,
                  label: `${item.subject.name} – ${localize(item.award?.name) || (item.award?.code ?? '')}${item.year ? ` (${item.year})` : ''}`,
                }))}
              />
            )}
          </Form.Item>
        )}
        <Form.Item
          name="authority"
          label={t.authority}
          rules={[{ required: true, message: t.pickAuthority }]}
        >
          <Select
            showSearch={foldedSearch()}
            options={authorities.map((a) => ({
              value: a.code,
              label: `${localize(a.name)} (${a.format === 'party' ? t.party : t.stateFormat})`,
            }))}
          />
        </Form.Item>
        <Form.Item name="receivingUnitId" label={t.receivingUnit} extra={t.receivingUnitHelp}>
          <Select
            allowClear
            disabled={recipients.length === 0}
            placeholder={authority ? t.outsideSystem : undefined}
            options={recipients.map((unit) => ({ value: unit.id, label: unit.name }))}
          />
        </Form.Item>
        <Form.Item name="basis" label={t.basis} extra={t.basisHelp}>
          <Input.TextArea rows={3} maxLength={10000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={sending}>
          {t.send}
        </Button>
      </Form>
    </>
  );
}
