import { DownloadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Space,
  Spin,
  Table,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatNumber, formatTimestamp } from '../../i18n/format';
import { fill, useLanguage, useMessages } from '../../i18n/language';
import { auditApi, type Checkpoint, type PublicKey } from './api';
import { auditMessages, type AuditText } from './audit.messages';
import {
  checkCheckpoints,
  importPublicKey,
  type CheckpointCheck,
  type LoadedKey,
  type SignatureVerdict,
} from './checkpointVerification';
import { Mono, TextBlock } from './parts';
import { Verdict, type Tone } from '../../components/Verdict';

const SIGNATURE_TONES: Record<SignatureVerdict, Tone> = {
  valid: 'good',
  invalid: 'bad',
  other_key: 'bad',
  unsigned: 'neutral',
  no_key: 'unknown',
  unsupported: 'unknown',
};

function hasProblem(check: CheckpointCheck): boolean {
  return (
    check.hashMatches === false ||
    check.link === 'broken' ||
    check.signature === 'invalid' ||
    check.signature === 'other_key'
  );
}

/** The checkpoints, newest first, each checked in the browser against the published key. */
export function CheckpointsTab() {
  const t = useMessages(auditMessages);
  const { language } = useLanguage();

  /** undefined while loading; null when the server has no signing key. */
  const [publicKey, setPublicKey] = useState<PublicKey | null | undefined>(undefined);
  const [loadedKey, setLoadedKey] = useState<LoadedKey | null>(null);
  const [checkpoints, setCheckpoints] = useState<Checkpoint[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [checks, setChecks] = useState<Map<number, CheckpointCheck> | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    auditApi
      .publicKey(signal)
      .then(
        async (key) => {
          const loaded = await importPublicKey(key);
          if (!signal.aborted) {
            setLoadedKey(loaded);
            setPublicKey(key);
          }
        },
        (failure: unknown) => {
          if (signal.aborted) return;
          if (failure instanceof ApiError && failure.code === 'AUDIT.NO_SIGNING_KEY') {
            setPublicKey(null);
          } else {
            setPublicKey(null);
            setError(failure);
          }
        },
      )
      .catch(() => undefined);
    auditApi
      .checkpoints(null, signal)
      .then((page) => {
        setCheckpoints(page.items);
        setNextCursor(page.nextCursor);
      })
      .catch((failure: unknown) => {
        if (!signal.aborted) {
          setCheckpoints([]);
          setError(failure);
        }
      });
    return () => controller.abort();
  }, []);

  useEffect(() => {
    if (checkpoints === null || publicKey === undefined) return;
    let live = true;
    setChecks(null);
    void checkCheckpoints(checkpoints, publicKey, loadedKey).then((result) => {
      if (live) setChecks(result);
    });
    return () => {
      live = false;
    };
  }, [checkpoints, publicKey, loadedKey]);

  const loadMore = async () => {
    if (nextCursor === null || checkpoints === null) return;
    setLoadingMore(true);
    setError(null);
    try {
      const page = await auditApi.checkpoints(nextCursor);
      setCheckpoints([...checkpoints, ...page.items]);
      setNextCursor(page.nextCursor);
    } catch (failure) {
      setError(failure);
    } finally {
      setLoadingMore(false);
    }
  };

  const loading = checkpoints === null || publicKey === undefined;
  const all = [...(checks?.values() ?? [])];
  const counts = {
    total: all.length,
    valid: all.filter((check) => check.signature === 'valid').length,
    unsigned: all.filter((check) => check.signature === 'unsigned').length,
    problems: all.filter(hasProblem).length,
  };
  const browserCannotVerify =
    publicKey !== null &&
    publicKey !== undefined &&
    loadedKey !== null &&
    loadedKey.key === null &&
    (checkpoints ?? []).some((checkpoint) => checkpoint.signature !== null);

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Typography.Paragraph>{t.checkpointsIntro}</Typography.Paragraph>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t.checkpointsLimits}
        </Typography.Paragraph>
      </div>

      <ProblemAlert error={error} />

      <PublicKeyCard publicKey={publicKey} loadedKey={loadedKey} />
      {browserCannotVerify && <Alert type="warning" showIcon title={t.noWebCrypto} />}

      <section aria-busy={loading || checks === null}>
        {checks !== null && checkpoints !== null && checkpoints.length > 0 && (
          <div role="status" style={{ marginBottom: 12 }}>
            {counts.problems > 0 ? (
              <Alert
                type="error"
                showIcon
                title={fill(t.summary, counts)}
                description={t.problemsFound}
              />
            ) : (
              <Verdict tone={counts.valid === counts.total ? 'good' : 'neutral'}>
                {fill(t.summary, counts)}
              </Verdict>
            )}
          </div>
        )}
        <Table<Checkpoint>
          aria-label={t.checkpointsTable}
          rowKey="seq"
          columns={checkpointColumns(t, language, checks)}
          dataSource={checkpoints ?? []}
          loading={loading}
          pagination={false}
          size="small"
          scroll={{ x: 900 }}
          locale={{ emptyText: <Empty description={t.noCheckpoints} /> }}
          expandable={{
            expandedRowRender: (checkpoint) => <CheckpointDetails checkpoint={checkpoint} />,
          }}
        />
        {nextCursor !== null && (
          <Button style={{ marginTop: 12 }} onClick={() => void loadMore()} loading={loadingMore}>
            {t.loadMore}
          </Button>
        )}
      </section>
    </Space>
  );
}

function PublicKeyCard({
  publicKey,
  loadedKey,
}: {
  publicKey: PublicKey | null | undefined;
  loadedKey: LoadedKey | null;
}) {
  const t = useMessages(auditMessages);
  const title = <h2 style={{ fontSize: 18, margin: 0 }}>{t.publicKeyTitle}</h2>;
  if (publicKey === undefined) {
    return (
      <Card size="small" title={title}>
        <Spin />
      </Card>
    );
  }
  if (publicKey === null) {
    return (
      <Card size="small" title={title}>
        <Verdict tone="warn">{t.noSigningKey}</Verdict>
      </Card>
    );
  }
  const download = () => {
    const url = URL.createObjectURL(new Blob([publicKey.pem], { type: 'application/x-pem-file' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `audit-public-key-${publicKey.keyId}.pem`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  const keyIdCheck =
    loadedKey?.keyIdMatches === true ? (
      <Verdict tone="good">{t.keyIdMatches}</Verdict>
    ) : loadedKey?.keyIdMatches === false ? (
      <Verdict tone="bad">{t.keyIdDiffers}</Verdict>
    ) : null;
  return (
    <Card
      size="small"
      title={title}
      extra={
        <Button icon={<DownloadOutlined />} onClick={download}>
          {t.downloadKey}
        </Button>
      }
    >
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'algorithm', label: t.keyAlgorithm, children: publicKey.algorithm },
          {
            key: 'keyId',
            label: t.keyId,
            children: (
              <Space wrap>
                <Mono>{publicKey.keyId}</Mono>
                {keyIdCheck}
              </Space>
            ),
          },
          {
            key: 'pem',
            label: t.keyPem,
            children: <TextBlock text={publicKey.pem.trim()} label={t.keyPem} />,
          },
        ]}
      />
    </Card>
  );
}

function checkpointColumns(
  t: AuditText,
  language: 'vi' | 'en',
  checks: Map<number, CheckpointCheck> | null,
): TableColumnsType<Checkpoint> {
  return [
    { title: t.colSeq, dataIndex: 'seq', width: 70, align: 'right' },
    {
      title: t.colCheckpointAt,
      dataIndex: 'at',
      width: 150,
      render: (at: string) => formatTimestamp(at, language),
    },
    {
      title: t.colCoverage,
      key: 'coverage',
      width: 170,
      render: (_, checkpoint) =>
        fill(t.coverage, {
          cases: formatNumber(checkpoint.caseCount),
          records: formatNumber(checkpoint.eventCount),
        }),
    },
    {
      title: t.colRoot,
      dataIndex: 'root',
      width: 170,
      render: (root: string) => <Mono>{`${root.slice(0, 16)}…`}</Mono>,
    },
    {
      title: t.colSigned,
      key: 'signed',
      width: 190,
      render: (_, checkpoint) =>
        checkpoint.signature === null
          ? t.notSigned
          : fill(t.signedWith, { keyId: checkpoint.keyId ?? '?' }),
    },
    {
      title: t.colVerification,
      key: 'verification',
      render: (_, checkpoint) => {
        const check = checks?.get(checkpoint.seq);
        if (!check) return <Typography.Text type="secondary">{t.checking}</Typography.Text>;
        return (
          <Flex vertical gap={2}>
            <Verdict tone={SIGNATURE_TONES[check.signature]}>{t[`sig_${check.signature}`]}</Verdict>
            {check.hashMatches !== null && (
              <Verdict tone={check.hashMatches ? 'good' : 'bad'}>
                {check.hashMatches ? t.hashOk : t.hashBad}
              </Verdict>
            )}
            <Verdict
              tone={check.link === 'linked' ? 'good' : check.link === 'broken' ? 'bad' : 'unknown'}
            >
              {t[`link_${check.link}`]}
            </Verdict>
          </Flex>
        );
      },
    },
  ];
}

function CheckpointDetails({ checkpoint }: { checkpoint: Checkpoint }) {
  const t = useMessages(auditMessages);
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      items={[
        { key: 'root', label: t.colRoot, children: <Mono>{checkpoint.root}</Mono> },
        { key: 'hash', label: t.hash, children: <Mono>{checkpoint.hash}</Mono> },
        { key: 'prevHash', label: t.prevHash, children: <Mono>{checkpoint.prevHash}</Mono> },
        ...(checkpoint.signature === null
          ? []
          : [
              {
                key: 'signature',
                label: t.colSigned,
                children: <Mono>{checkpoint.signature}</Mono>,
              },
            ]),
      ]}
    />
  );
}
