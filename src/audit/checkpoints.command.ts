import { Command, CommandRunner, Option } from 'nest-commander';
import { Clock } from '../common/clock';
import { CheckpointsService } from './checkpoints.service';

interface CheckpointOptions {
  publicKey?: boolean;
}

/**
 * `thidua checkpoint`: writes a checkpoint over every case's chain head now and prints it; refuses
 * (exit 1, naming the cases) when a chain lost what the previous checkpoint signed.
 * `thidua checkpoint --public-key`: prints the public half of the signing key (PEM) for auditors.
 */
@Command({
  name: 'checkpoint',
  description: 'Write an audit checkpoint now (or print the public key with --public-key)',
})
export class CheckpointCommand extends CommandRunner {
  constructor(
    private readonly checkpoints: CheckpointsService,
    private readonly clock: Clock,
  ) {
    super();
  }

  async run(_: string[], options: CheckpointOptions = {}): Promise<void> {
    if (options.publicKey) {
      const key = this.checkpoints.signingKey();
      if (key === null) {
        process.stderr.write(
          'No signing key is configured (AUDIT_SIGNING_KEY): checkpoints are unsigned\n',
        );
        process.exitCode = 1;
        return;
      }
      process.stdout.write(key.publicKeyPem);
      return;
    }
    const outcome = await this.checkpoints.create(this.clock.now());
    switch (outcome.kind) {
      case 'created': {
        const { checkpoint } = outcome;
        process.stdout.write(
          `checkpoint ${checkpoint.seq}\n` +
            `at ${checkpoint.at}\n` +
            `cases ${checkpoint.caseCount}, records ${checkpoint.eventCount}\n` +
            `root ${checkpoint.root}\n` +
            `signed ${checkpoint.keyId === null ? 'no' : `yes (key ${checkpoint.keyId})`}\n`,
        );
        return;
      }
      case 'refused':
        process.stdout.write(
          `checkpoint refused: the chains no longer hold what checkpoint ${outcome.previousSeq} signed:\n` +
            outcome.breaks.map((b) => `${b.caseId}\t${b.problem}\n`).join(''),
        );
        process.exitCode = 1;
        return;
      case 'raced':
        process.stdout.write(`checkpoint ${outcome.seq} was just written by another instance\n`);
        return;
      case 'not_due':
        return;
    }
  }

  @Option({ flags: '--public-key', description: 'Print the public key (PEM) and write nothing' })
  parsePublicKey(): boolean {
    return true;
  }
}
