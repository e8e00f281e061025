import { Card, Col, List, Row, Statistic, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useLoad } from '../../components/useLoad';
import { formatLegalDate } from '../../i18n/format';
import { fill, useLocalize, useMessages, type Localized } from '../../i18n/language';
import { movementReportsApi, type MovementView } from './api';
import { reportsMessages } from './reports.messages';

interface CountLine {
  key: string;
  label: Localized;
  count: number;
  to?: string;
}

/**
 * The movement page's overview: counts of registrations, acknowledgements, linked nominations,
 * awards announced and violations (counts only), over the whole movement for its launcher, over
 * the caller's own subtree for a participating unit (the server decides which).
 */
export function MovementOverview({ movement }: { movement: MovementView }) {
  const t = useMessages(reportsMessages);
  const localize = useLocalize();
  const overview = useLoad(
    (signal) => movementReportsApi.overview(movement.id, signal),
    `movement-overview-${movement.id}`,
  );
  const o = overview.data;
  const movementPath = `/movements/${encodeURIComponent(movement.id)}`;
  const unitFilter =
    o && !o.wholeMovement && o.units.length === 1 ? `&unitId=${o.units[0].id}` : '';

  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.overviewTitle}</h2>}
      style={{ marginBottom: 24 }}
    >
      <ProblemAlert error={overview.error} />
      {o && (
        <>
          <Typography.Paragraph type="secondary">
            {o.wholeMovement
              ? t.overviewWhole
              : fill(t.overviewOwn, { units: o.units.map((u) => u.name).join(', ') })}
          </Typography.Paragraph>
          <Row gutter={[24, 24]}>
            <Col xs={24} md={12}>
              <Section
                heading={t.registrationsHeading}
                total={fill(t.registrationsTotal, { count: o.registrations.total })}
                lines={o.registrations.byState.map((line) => ({
                  key: line.state,
                  label: line.label,
                  count: line.count,
                }))}
                footer={<Link to={`${movementPath}/registrations`}>{t.openRegistrations}</Link>}
              />
            </Col>
            <Col xs={24} md={12}>
              <h3 style={{ fontSize: 15 }}>{t.acknowledgementsHeading}</h3>
              <Row gutter={16}>
                <Col span={8}>
                  <Statistic title={t.unitsLabel} value={o.acknowledgements.units} />
                </Col>
                <Col span={8}>
                  <Statistic title={t.acknowledgedLabel} value={o.acknowledgements.acknowledged} />
                </Col>
                <Col span={8}>
                  <Statistic title={t.notYetLabel} value={o.acknowledgements.notYet} />
                </Col>
              </Row>
            </Col>
            <Col xs={24} md={12}>
              <Section
                heading={t.nominationsHeading}
                total={fill(t.nominationsTotal, { count: o.nominations.total })}
                empty={t.nominationsNone}
                lines={o.nominations.byState.map((line) => ({
                  key: line.state,
                  label: line.label,
                  count: line.count,
                  to: `/cases?type=nomination&state=${encodeURIComponent(line.state)}${unitFilter}`,
                }))}
                linkLabel={t.openInCaseList}
                footer={
                  <>
                    {o.nominations.total > 0 && (
                      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                        {t.caseListNote}
                      </Typography.Paragraph>
                    )}
                    <Typography.Text strong>
                      {fill(t.awardsHeading, { count: o.nominations.announced })}
                    </Typography.Text>
                    {o.nominations.awardsAnnounced.length > 0 && (
                      <ul style={{ margin: '4px 0 0', paddingInlineStart: 18 }}>
                        {o.nominations.awardsAnnounced.map((award) => (
                          <li key={award.awardCode}>
                            {localize(award.name)}: {award.count}
                          </li>
                        ))}
                      </ul>
                    )}
                  </>
                }
              />
            </Col>
            <Col xs={24} md={12}>
              {o.violations === null ? (
                <>
                  <h3 style={{ fontSize: 15 }}>{t.violationsHeading}</h3>
                  <Typography.Text type="secondary">{t.violationsHidden}</Typography.Text>
                </>
              ) : (
                <Section
                  heading={t.violationsHeading}
                  total={`${fill(t.violationsTotal, { count: o.violations.total })} · ${fill(
                    t.violationsPeriod,
                    {
                      from: formatLegalDate(o.violations.period.from),
                      to: formatLegalDate(o.violations.period.to),
                    },
                  )}`}
                  lines={o.violations.byOutcome
                    .filter((line) => line.count > 0)
                    .map((line) => ({ key: line.code, label: line.label, count: line.count }))}
                  footer={
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t.violationsNote}
                    </Typography.Text>
                  }
                />
              )}
            </Col>
          </Row>
        </>
      )}
    </Card>
  );
}

function Section({
  heading,
  total,
  lines,
  empty,
  linkLabel,
  footer,
}: {
  heading: string;
  total: string;
  lines: CountLine[];
  empty?: string;
  linkLabel?: string;
  footer?: ReactNode;
}) {
  const localize = useLocalize();
  return (
    <section aria-label={heading}>
      <h3 style={{ fontSize: 15 }}>{heading}</h3>
      <Typography.Paragraph style={{ marginBottom: 4 }}>{total}</Typography.Paragraph>
      {lines.length === 0 ? (
        empty && <Typography.Paragraph type="secondary">{empty}</Typography.Paragraph>
      ) : (
        <List<CountLine>
          size="small"
          dataSource={lines}
          renderItem={(line) => (
            <List.Item
              key={line.key}
              extra={
                line.to && linkLabel ? (
                  <Link to={line.to} aria-label={`${linkLabel}: ${localize(line.label)}`}>
                    {linkLabel}
                  </Link>
                ) : undefined
              }
            >
              <span>
                {localize(line.label)}: <strong>{line.count}</strong>
              </span>
            </List.Item>
          )}
        />
      )}
      {footer && <div style={{ marginTop: 8 }}>{footer}</div>}
    </section>
  );
}
