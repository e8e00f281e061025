import {
  CheckCircleFilled,
  CloseCircleFilled,
  ExclamationCircleFilled,
  QuestionCircleFilled,
} from '@ant-design/icons';
import { Button, Card, Descriptions, Form, Grid, Input, Space, Spin, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, type Localized } from '../../api/client';
import { PageTitle } from '../../app/AppShell';
import { formatLegalDate } from '../../i18n/format';
import { fill, useLocalize, useMessages } from '../../i18n/language';
import { Verdict } from '../../components/Verdict';
import {
  publicApi,
  type CertificateCheck,
  type RecordedDecision,
  type RecordedRevocation,
} from './api';
import { publicMessages, type PublicText } from './public.messages';

type Check =
  | { kind: 'loading' }
  | { kind: 'found'; check: CertificateCheck }
  | { kind: 'not_found' }
  | { kind: 'error' };

type Outcome = 'valid' | 'revoked' | 'unconfirmed' | 'not_found';

const MONO = 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace';

/**
 * The page a certificate's QR code opens (no sign-in, mostly on phones): the verdict first, large,
 * with an icon and words in Vietnamese then English; then what the certificate says and the
 * decision behind it. An unknown code is an answer ("not found"), not an error page.
 */
export function CertificatePage() {
  const t = useMessages(publicMessages);
  const { code = '' } = useParams();
  const [state, setState] = useState<Check>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState({ kind: 'loading' });
    publicApi
      .certificate(code, controller.signal)
      .then((check) => setState({ kind: 'found', check }))
      .catch((failure: unknown) => {
        if (controller.signal.aborted) return;
        const notFound =
          failure instanceof ApiError && (failure.status === 404 || failure.status === 400);
        setState({ kind: notFound ? 'not_found' : 'error' });
      });
    return () => controller.abort();
  }, [code, attempt]);

  const shownCode = state.kind === 'found' ? state.check.verificationCode : code;

  return (
    <div style={{ maxWidth: 720, margin: '0 auto' }}>
      <PageTitle>{t.certTitle}</PageTitle>
      <p style={{ marginTop: 0 }}>
        <span>{t.codeLabel}: </span>
        <strong
          style={{ fontFamily: MONO, fontSize: 18, letterSpacing: 1, wordBreak: 'break-all' }}
        >
          {shownCode}
        </strong>
      </p>

      {state.kind === 'loading' && (
        <div role="status" style={{ padding: 32, textAlign: 'center' }}>
          <Spin size="large" /> <span style={{ marginLeft: 8 }}>{t.checking}</span>
        </div>
      )}

      {state.kind === 'error' && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <div role="alert">
            <Verdict tone="bad">{t.errorCheck}</Verdict>
          </div>
          <Button type="primary" onClick={() => setAttempt((n) => n + 1)}>
            {t.retry}
          </Button>
        </Space>
      )}

      {state.kind === 'not_found' && (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          <StatusPanel outcome="not_found" />
          <CodeForm />
        </Space>
      )}

      {state.kind === 'found' && <Found check={state.check} />}
    </div>
  );
}

function outcomeOf(check: CertificateCheck): Outcome {
  if (check.status === 'revoked') return 'revoked';
  return check.audit.chainIntact ? 'valid' : 'unconfirmed';
}

function revocationDateOf(revocation: RecordedRevocation | null): string | null {
  return revocation?.date ?? revocation?.decision?.date ?? null;
}

function Found({ check }: { check: CertificateCheck }) {
  const t = useMessages(publicMessages);
  const localize = useLocalize();
  const screens = Grid.useBreakpoint();
  const layout = screens.sm ? 'horizontal' : 'vertical';
  const outcome = outcomeOf(check);
  const revocation = check.revocation;
  const revokedOn = revocationDateOf(revocation);
  const decision = check.decision;
  // A collective's unit is itself: its name is already the holder's.
  const holderUnit =
    check.unitName && check.unitName !== check.nominee.name ? check.unitName : null;

  const details: DescriptionsProps['items'] = [
    {
      key: 'holder',
      label: check.nominee.kind === 'person' ? t.holderPerson : t.holderUnit,
      children: <strong style={{ fontSize: 16 }}>{check.nominee.name}</strong>,
    },
    {
      key: 'award',
      label: t.award,
      children: check.award.name ? (
        <div>
          <span lang="vi" style={{ display: 'block', fontWeight: 600 }}>
            {check.award.name.vi}
          </span>
          <span lang="en" style={{ display: 'block' }}>
            {check.award.name.en}
          </span>
        </div>
      ) : (
        check.award.code
      ),
    },
    { key: 'year', label: t.evaluationYear, children: check.evaluationYear },
    ...(holderUnit ? [{ key: 'unit', label: t.unit, children: holderUnit }] : []),
    ...present('number', t.decisionNumber, decision?.number),
    ...present('date', t.decisionDate, decision?.date ? formatLegalDate(decision.date) : null),
    ...present('signer', t.signer, decision?.signer),
    ...present('issuer', t.issuingUnit, issuerOf(decision)),
  ];

  const revocationDecision = revocation?.decision ?? revocation;
  const revocationItems: DescriptionsProps['items'] = revocation
    ? [
        ...present('number', t.revocationNumber, revocationDecision?.number),
        ...present('date', t.revocationDate, revokedOn ? formatLegalDate(revokedOn) : null),
        ...present('issuer', t.issuingUnit, issuerOf(revocationDecision)),
        ...present('ground', t.ground, groundLabel(t, localize, revocation)),
        ...present('reason', t.reason, revocation.reason),
      ]
    : [];

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <StatusPanel outcome={outcome} revokedOn={revokedOn} />

      <Card size="small" title={<h2 style={{ fontSize: 18, margin: 0 }}>{t.detailsTitle}</h2>}>
        <Descriptions
          size="small"
          column={1}
          layout={layout}
          colon={layout === 'horizontal'}
          items={details}
        />
      </Card>

      {revocation && revocationItems.length > 0 && (
        <Card size="small" title={<h2 style={{ fontSize: 18, margin: 0 }}>{t.revocationTitle}</h2>}>
          <Descriptions
            size="small"
            column={1}
            layout={layout}
            colon={layout === 'horizontal'}
            items={revocationItems}
          />
        </Card>
      )}

      <Card size="small" title={<h2 style={{ fontSize: 18, margin: 0 }}>{t.integrityTitle}</h2>}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Verdict tone={check.audit.chainIntact ? 'good' : 'bad'}>
            {check.audit.chainIntact ? t.integrityOk : t.integrityBad}
          </Verdict>
          <Typography.Text type="secondary">
            {t.recordHash}:{' '}
            <span style={{ fontFamily: MONO, fontSize: 12, wordBreak: 'break-all' }}>
              {check.audit.recordHash}
            </span>
          </Typography.Text>
        </Space>
      </Card>

      <Link to="/public/certificates">{t.checkAnother}</Link>
    </Space>
  );
}

function issuerOf(decision: RecordedDecision | null | undefined): string | null {
  return decision?.issuingUnitName ?? decision?.issuingUnit?.name ?? null;
}

/** One Descriptions row, only when the value is there (older versions recorded less). */
function present(
  key: string,
  label: string,
  value: string | null | undefined,
): NonNullable<DescriptionsProps['items']> {
  return value ? [{ key, label, children: value }] : [];
}

/** The server's label when it sends one; else the Art 93(2) ground's own words; else the code. */
function groundLabel(
  t: PublicText,
  localize: (text: Localized | null | undefined) => string,
  revocation: RecordedRevocation,
): string | null {
  if (revocation.groundLabel) return localize(revocation.groundLabel);
  const ground = revocation.ground;
  if (!ground) return null;
  const key = `ground_${ground}` as keyof PublicText;
  return key in t ? t[key] : ground;
}

const PANELS: Record<
  Outcome,
  { icon: ReactNode; color: string; background: string; border: string }
> = {
  valid: {
    icon: <CheckCircleFilled />,
    color: '#135200',
    background: '#f6ffed',
    border: '#389e0d',
  },
  revoked: {
    icon: <CloseCircleFilled />,
    color: '#820014',
    background: '#fff1f0',
    border: '#cf1322',
  },
  unconfirmed: {
    icon: <ExclamationCircleFilled />,
    color: '#613400',
    background: '#fffbe6',
    border: '#d48806',
  },
  not_found: {
    icon: <QuestionCircleFilled />,
    color: '#262626',
    background: '#fafafa',
    border: '#8c8c8c',
  },
};

function headlineOf(texts: PublicText, outcome: Outcome, revokedOn: string | null) {
  switch (outcome) {
    case 'valid':
      return { headline: texts.validHeadline, text: texts.validText };
    case 'revoked':
      return {
        headline: texts.revokedHeadline,
        text: revokedOn
          ? fill(texts.revokedText, { date: formatLegalDate(revokedOn) })
          : texts.revokedTextNoDate,
      };
    case 'unconfirmed':
      return { headline: texts.unconfirmedHeadline, text: texts.unconfirmedText };
    case 'not_found':
      return { headline: texts.notFoundHeadline, text: texts.notFoundText };
  }
}

/**
 * The verdict, large: an icon, a word and a sentence, in Vietnamese and then in English whatever
 * the interface language (the certificate is Vietnamese; the reader may not be).
 */
function StatusPanel({
  outcome,
  revokedOn = null,
}: {
  outcome: Outcome;
  revokedOn?: string | null;
}) {
  const panel = PANELS[outcome];
  const vi = headlineOf(publicMessages.vi, outcome, revokedOn);
  const en = headlineOf(publicMessages.en, outcome, revokedOn);
  return (
    <div
      role="status"
      style={{
        display: 'flex',
        gap: 16,
        alignItems: 'flex-start',
        padding: 16,
        borderRadius: 8,
        border: `2px solid ${panel.border}`,
        background: panel.background,
        color: panel.color,
      }}
    >
      <span aria-hidden style={{ fontSize: 48, lineHeight: 1, color: panel.border }}>
        {panel.icon}
      </span>
      <div style={{ minWidth: 0 }}>
        <p lang="vi" style={{ fontSize: 26, fontWeight: 700, lineHeight: 1.25, margin: 0 }}>
          {vi.headline}
        </p>
        <p lang="vi" style={{ fontSize: 16, margin: '4px 0 0' }}>
          {vi.text}
        </p>
        <p lang="en" style={{ fontSize: 18, fontWeight: 700, margin: '12px 0 0' }}>
          {en.headline}
        </p>
        <p lang="en" style={{ fontSize: 15, margin: '2px 0 0' }}>
          {en.text}
        </p>
      </div>
    </div>
  );
}

/** A code typed by hand (from the certificate) or a second try after a typo. */
function CodeForm() {
  const t = useMessages(publicMessages);
  const navigate = useNavigate();
  return (
    <Form<{ code: string }>
      layout="vertical"
      requiredMark={false}
      onFinish={({ code }) =>
        navigate(`/public/certificates/${encodeURIComponent(code.trim().toUpperCase())}`)
      }
    >
      <Form.Item
        label={t.codeLabel}
        name="code"
        extra={t.lookupIntro}
        rules={[{ required: true, whitespace: true, message: t.codeRequired }]}
      >
        <Input
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          style={{ fontFamily: MONO, fontSize: 16 }}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit">
        {t.check}
      </Button>
    </Form>
  );
}

/** `/public/certificates`: where a code is typed in. */
export function CertificateLookupPage() {
  const t = useMessages(publicMessages);
  return (
    <div style={{ maxWidth: 720, margin: '0 auto' }}>
      <PageTitle>{t.certTitle}</PageTitle>
      <CodeForm />
    </div>
  );
}
