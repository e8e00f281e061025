import { InitialSchema1764050000000 } from './1764050000000-initial-schema';
import { Organisation1764060000000 } from './1764060000000-organisation';
import { LoginThrottle1764070000000 } from './1764070000000-login-throttle';
import { CommendationRecords1764080000000 } from './1764080000000-commendation-records';
import { HistoricalAwards1764090000000 } from './1764090000000-historical-awards';
import { AuditTrail1764100000000 } from './1764100000000-audit-trail';
import { AccountsAndSessions1764110000000 } from './1764110000000-accounts-and-sessions';
import { CaseLists1764120000000 } from './1764120000000-case-lists';
import { TokenGenerations1764130000000 } from './1764130000000-token-generations';
import { ImportJobs1764140000000 } from './1764140000000-import-jobs';
import { CertificateVerifications1764150000000 } from './1764150000000-certificate-verifications';
import { ObjectorIdentities1764160000000 } from './1764160000000-objector-identities';
import { RequestLimits1764170000000 } from './1764170000000-request-limits';
import { Councils1764180000000 } from './1764180000000-councils';
import { CouncilBodies1764190000000 } from './1764190000000-council-bodies';
import { AnnualRatings1764220000000 } from './1764220000000-annual-ratings';
import { Notifications1764230000000 } from './1764230000000-notifications';
import { CaseTimers1764240000000 } from './1764240000000-case-timers';
import { UnitAuthorities1764250000000 } from './1764250000000-unit-authorities';
import { DocumentRenders1764280000000 } from './1764280000000-document-renders';
import { Proposals1764272000000 } from './1764272000000-proposals';
import { ProposalPathsFromUnits1764310000000 } from './1764310000000-proposal-paths-from-units';
import { IncrementalCheckpoints1764290000000 } from './1764290000000-incremental-checkpoints';
import { IndexesAtScale1764295000000 } from './1764295000000-indexes-at-scale';
import { HoldReferences1764300000000 } from './1764300000000-hold-references';
import { AuditExportIndexes1764285000000 } from './1764285000000-audit-export-indexes';

/** In order. A migration, once released, is never edited: add a new one. */
export const MIGRATIONS = [
  InitialSchema1764050000000,
  Organisation1764060000000,
  LoginThrottle1764070000000,
  CommendationRecords1764080000000,
  HistoricalAwards1764090000000,
  AuditTrail1764100000000,
  AccountsAndSessions1764110000000,
  CaseLists1764120000000,
  TokenGenerations1764130000000,
  ImportJobs1764140000000,
  CertificateVerifications1764150000000,
  ObjectorIdentities1764160000000,
  RequestLimits1764170000000,
  Councils1764180000000,
  CouncilBodies1764190000000,
  AnnualRatings1764220000000,
  Notifications1764230000000,
  CaseTimers1764240000000,
  UnitAuthorities1764250000000,
  Proposals1764272000000,
  DocumentRenders1764280000000,
  AuditExportIndexes1764285000000,
  IncrementalCheckpoints1764290000000,
  IndexesAtScale1764295000000,
  HoldReferences1764300000000,
  ProposalPathsFromUnits1764310000000,
];
