import { FileTextOutlined } from '@ant-design/icons';
import { Alert, Card, List, Typography } from 'antd';
import { fill, useLocalize, useMessages } from '../../i18n/language';
import type { CatalogueAward, RuleSetDetail } from './api';
import { nominationMessages } from './nomination.messages';

/**
 * What the chosen award asks of the dossier, from the rule set: the required documents (code and
 * name), those needed only in some cases, a public notice, and the alternative routes.
 */
export function AwardDossier({
  award,
  ruleSet,
}: {
  award: CatalogueAward;
  ruleSet: RuleSetDetail | undefined;
}) {
  const t = useMessages(nominationMessages);
  const localize = useLocalize();
  const detail = ruleSet?.awards.find((item) => item.code === award.code);
  const documentName = (code: string) => {
    const document = ruleSet?.documents.find((item) => item.code === code);
    return document ? localize(document.name) : code;
  };
  const authorities = award.grantor.authorities.map((item) => localize(item.name)).join('; ');

  return (
    <Card
      size="small"
      title={<h3 style={{ fontSize: 16, margin: 0 }}>{t.dossierTitle}</h3>}
      style={{ marginBottom: 24 }}
    >
      {authorities && (
        <Typography.Paragraph>{fill(t.awardGrantor, { authorities })}</Typography.Paragraph>
      )}
      {detail?.publicNotice?.required && (
        <Alert
          type="warning"
          showIcon
          title={fill(t.publicNotice, { days: detail.publicNotice.workingDays ?? '' })}
          style={{ marginBottom: 12 }}
        />
      )}
      {detail && (
        <>
          <Typography.Paragraph>{t.dossierIntro}</Typography.Paragraph>
          <Typography.Text strong>{t.dossierRequired}</Typography.Text>
          <List
            size="small"
            dataSource={detail.dossier.documents}
            renderItem={(code) => (
              <List.Item>
                <span>
                  <FileTextOutlined aria-hidden /> {documentName(code)}{' '}
                  <Typography.Text type="secondary">
                    ({fill(t.documentCode, { code })})
                  </Typography.Text>
                </span>
              </List.Item>
            )}
            style={{ marginBottom: 12 }}
          />
          {(detail.dossier.conditional ?? []).length > 0 && (
            <>
              <Typography.Text strong>{t.dossierConditional}</Typography.Text>
              <List
                size="small"
                dataSource={detail.dossier.conditional}
                renderItem={(item) => (
                  <List.Item>
                    <span>
                      <FileTextOutlined aria-hidden />{' '}
                      {fill(t.dossierWhen, {
                        name: documentName(item.document),
                        when: localize(item.when),
                      })}{' '}
                      <Typography.Text type="secondary">
                        ({fill(t.documentCode, { code: item.document })})
                      </Typography.Text>
                    </span>
                  </List.Item>
                )}
                style={{ marginBottom: 12 }}
              />
            </>
          )}
          {detail.dossier.note && (
            <Typography.Paragraph type="secondary">
              {localize(detail.dossier.note)}
            </Typography.Paragraph>
          )}
          {(detail.routes ?? []).length > 0 && (
            <>
              <Typography.Text strong>{t.routesTitle}</Typography.Text>
              <ul style={{ marginTop: 4 }}>
                {detail.routes!.map((route) => (
                  <li key={route.code}>{localize(route.name)}</li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </Card>
  );
}
