import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Modal, Tag } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { PageTitle } from '../../app/AppShell';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatLegalDate, formatTimestamp } from '../../i18n/format';
import { fill, useLanguage, useMessages } from '../../i18n/language';
import { hasRole, useMe } from '../../session/session';
import { ActiveTag } from './ActiveTag';
import { useRecord } from './useRecord';
import { adminMessages } from './admin.messages';
import type { Person } from './api';
import { ChangeLog } from './ChangeLog';
import { Details } from './Details';
import { employmentLabel, unitName } from './labels';
import { Loading } from '../../components/Loading';
import { peopleMessages } from './people.messages';
import { PersonForm } from './PersonForm';
import { useUnits } from './useUnits';

/** /admin/people/:id: one person and their change log (moves, edits, imported past awards). */
export function PersonDetailPage() {
  const { id = '' } = useParams();
  const t = useMessages(peopleMessages);
  const common = useMessages(adminMessages);
  const { language } = useLanguage();
  const me = useMe();
  const isAdmin = hasRole(me, 'admin');
  const { message } = App.useApp();
  const units = useUnits();
  const [person, setPerson, error] = useRecord<Person>(`/people/${id}`);
  const [editing, setEditing] = useState(false);
  const [logVersion, setLogVersion] = useState(0);

  if (error) {
    return (
      <>
        <PageTitle>{t.listTitle}</PageTitle>
        <ProblemAlert error={error} />
        <Link to="/admin/people">{t.backToList}</Link>
      </>
    );
  }
  if (!person) return <Loading />;

  const unit = units.byId.get(person.unitId);

  return (
    <>
      <Link to="/admin/people">
        <ArrowLeftOutlined aria-hidden /> {t.backToList}
      </Link>
      <PageTitle>{fill(t.personTitle, { name: person.fullName })}</PageTitle>
      {!isAdmin && (
        <Alert type="info" showIcon title={common.readOnly} style={{ marginBottom: 16 }} />
      )}
      <Flex vertical gap={16}>
        <Card
          title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.details}</h2>}
          extra={isAdmin && <Button onClick={() => setEditing(true)}>{common.edit}</Button>}
        >
          <Details>
            <Details.Item label={t.code}>{person.code}</Details.Item>
            <Details.Item label={t.fullName}>{person.fullName}</Details.Item>
            <Details.Item label={t.unit}>
              {unit ? (
                <Link to={`/admin/units/${unit.id}`}>{unitName(unit)}</Link>
              ) : (
                common.unknownUnit
              )}
            </Details.Item>
            <Details.Item label={t.position}>{person.position ?? '—'}</Details.Item>
            <Details.Item label={t.dateOfBirth}>
              {formatLegalDate(person.dateOfBirth) || '—'}
            </Details.Item>
            <Details.Item label={t.employmentType}>
              {employmentLabel(common, person.employmentType)}
            </Details.Item>
            <Details.Item label={t.partyMember}>
              {person.partyMember ? common.yes : common.no}
            </Details.Item>
            {person.partyMember && (
              <Details.Item label={t.partyJoinedOn}>
                {formatLegalDate(person.partyJoinedOn) || '—'}
              </Details.Item>
            )}
            <Details.Item label={t.status}>
              <Flex wrap gap={4}>
                <ActiveTag active={person.active} />
                {person.demo && <Tag>{t.demo}</Tag>}
              </Flex>
            </Details.Item>
            <Details.Item label={t.createdAt}>
              {formatTimestamp(person.createdAt, language)}
            </Details.Item>
            <Details.Item label={t.updatedAt}>
              {formatTimestamp(person.updatedAt, language)}
            </Details.Item>
          </Details>
        </Card>
        <Card>
          <ChangeLog
            path={`/people/${person.id}/changes`}
            units={units.byId}
            version={logVersion}
          />
        </Card>
      </Flex>
      <Modal
        title={t.editTitle}
        open={editing}
        onCancel={() => setEditing(false)}
        footer={null}
        destroyOnHidden
        mask={{ closable: false }}
      >
        <PersonForm
          person={person}
          units={units}
          onCancel={() => setEditing(false)}
          onSaved={(saved) => {
            setEditing(false);
            setPerson(saved);
            setLogVersion((value) => value + 1);
            void message.success(common.saved);
          }}
        />
      </Modal>
    </>
  );
}
