import { Inject, Injectable } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { GEOCODER, Geocoder, isUnknownPostcode } from '@placematch/geo';
import { hasOnsCode, OfstedListItem, readOfstedList, toCommands } from '@placematch/interop';
import { Actor, isDomainError } from '@placematch/kernel';
import { CommandContext } from '@placematch/runtime';
import { Provider, ProviderLookup } from '@placematch/supply';
import { ExecuteCommand, LoadAggregate, Loaded } from '@placematch/runtime';

/** One line of an import report: a row that was not imported, and why. */
export interface ImportProblem {
  line: number;
  field: string;
  reason: string;
  urn?: string;
}

/** Where an import stands; reported as it goes and at the end. */
export interface ImportProgress {
  rowsRead: number;
  imported: number;
  unchanged: number;
  skipped: number;
  problems: ImportProblem[];
  notices: string[];
  eventsWritten: number;
}

const lookup = (p: Provider): ProviderLookup =>
  p.status === 'Unregistered'
    ? 'not-found'
    : p.status === 'Active'
      ? 'active'
      : p.status === 'AdmissionsSuspended'
        ? 'admissions-suspended'
        : 'deregistered';

/**
 * Bulk registration from an Ofsted provider list: each good row registers its provider and setting under
 * ids derived from the URN, so importing the same file again writes nothing; each bad row is reported with
 * its line and reason, and the good rows are imported all the same.
 */
@Injectable()
export class OfstedImportService {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly context: CommandContext,
    @Inject(GEOCODER) private readonly geocoder: Geocoder,
  ) {}

  async import(
    chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
    actor: Actor,
    onProgress: (progress: ImportProgress) => void = () => undefined,
  ): Promise<ImportProgress> {
    const progress: ImportProgress = {
      rowsRead: 0,
      imported: 0,
      unchanged: 0,
      skipped: 0,
      problems: [],
      notices: [],
      eventsWritten: 0,
    };
    let lastProblemLine = 0;
    for await (const item of readOfstedList(chunks)) {
      // A row with several problems is one row read.
      const sameRow = item.kind === 'problem' && item.problem.line === lastProblemLine;
      if (item.kind === 'problem') lastProblemLine = item.problem.line;
      await this.importItem(item, actor, progress, sameRow);
      onProgress(progress);
    }
    return progress;
  }

  private async importItem(
    item: OfstedListItem,
    actor: Actor,
    progress: ImportProgress,
    sameRow: boolean,
  ): Promise<void> {
    switch (item.kind) {
      case 'notice':
        progress.notices.push(item.notice.message);
        return;
      case 'skipped':
        progress.rowsRead += 1;
        progress.skipped += 1;
        return;
      case 'problem':
        if (!sameRow) progress.rowsRead += 1;
        progress.problems.push({
          line: item.problem.line,
          field: item.problem.field,
          reason: item.problem.reason,
          urn: item.problem.urn,
        });
        return;
      case 'row': {
        progress.rowsRead += 1;
        const row = item.row;
        if (!hasOnsCode(row)) {
          progress.problems.push({
            line: row.line,
            field: 'hostLocalAuthority',
            reason: `The list names the authority (${row.hostLocalAuthority.kind === 'name' ? row.hostLocalAuthority.name : ''}) without its ONS code: add a "Local authority code" column`,
            urn: row.urn,
          });
          return;
        }
        try {
          const commands = toCommands(row, this.context.now().toISOString());
          const location = await this.geocoder.locate(row.postcode);
          const provider = await this.commands.execute(
            new ExecuteCommand('provider', commands.providerId, commands.registerProvider, actor),
          );
          const loaded: Loaded<Provider> = await this.queries.execute(
            new LoadAggregate('provider', commands.providerId),
          );
          const setting = await this.commands.execute(
            new ExecuteCommand(
              'setting',
              commands.settingId,
              commands.registerSetting({ location, providerStatus: lookup(loaded.state) }),
              actor,
            ),
          );
          const written = provider.events.length + setting.events.length;
          progress.eventsWritten += written;
          if (written > 0) progress.imported += 1;
          else progress.unchanged += 1;
        } catch (e) {
          // A business refusal is a bad row, reported like the parser's; anything else stops the import.
          if (!isDomainError(e)) throw e;
          progress.problems.push({
            line: row.line,
            field: isUnknownPostcode(e) ? 'postcode' : 'row',
            reason: `${e.code}: ${e.message}`,
            urn: row.urn,
          });
        }
      }
    }
  }
}
