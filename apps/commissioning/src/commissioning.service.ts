import { Inject, Injectable } from '@nestjs/common';
import { assertRegion, Principal } from '@placematch/auth';
import {
  authoritiesOf,
  collectionYearOf,
  demandView,
  forecastDemand,
  ForecastView,
  gapsView,
  lastCompleteYear,
  outcomesView,
  regionOf,
  resolveRegions,
  SectionView,
  ShowScope,
  SUPPRESSED,
  SufficiencyStatement,
  suppressionPolicy,
  supplyView,
  ViewOptions,
} from '@placematch/commissioning';
import { CLOCK, Clock, ForbiddenError, ValidationError } from '@placematch/kernel';
import { londonDate } from '@placematch/supply';
import { COMMISSIONING_OPTIONS, CommissioningOptions } from './commissioning.options';
import { CommissioningReadModel } from './commissioning.read-model';

/** What a caller asks a view for. */
export interface ViewQuery {
  region?: string;
  la?: string;
  from?: string;
  to?: string;
}

/** The scope of a view, after the caller's rights were checked. */
export interface ResolvedScope {
  /** The region, or `null` for every authority (an operator who named no region). */
  region: string | null;
  /** The one authority asked for, or `null`. */
  localAuthority: string | null;
  /** The authorities of the region (or of all regions): the rows of the suppressed table. */
  localAuthorities: string[];
}

/** The period of a view. */
export interface Period {
  from: string;
  to: string;
}

/** The suppression note every view carries. */
export interface SuppressionNote {
  threshold: number;
  marker: typeof SUPPRESSED;
  method: string;
}

/** A view as the API returns it: its scope and period, how it was suppressed, and its figures. */
export interface ViewResponse extends SectionView {
  view: 'demand' | 'supply' | 'gaps' | 'outcomes';
  scope: ResolvedScope;
  period: Period & { stabilityYear?: { start: string; end: string } };
  suppression: SuppressionNote;
}

/** The forecast as the API returns it. */
export interface ForecastResponse extends ForecastView {
  scope: ResolvedScope;
  suppression: SuppressionNote;
}

const METHOD =
  'Counts from 1 to threshold-1 are shown as c. Where a total and its parts would show all but one hidden figure, ' +
  'the smallest other non-zero part (or, failing one, the total) is hidden too, repeated over every row and column ' +
  'until no hidden figure can be worked out by subtraction. The pattern is computed once over the region (every ' +
  'authority a row), so an authority asked for alone shows exactly its row of the region table. Zero is shown.';

/**
 * Answers the commissioning views: checks the caller's scope (a commissioner sees its own region; an operator
 * any, or all), reads facts, and builds the suppressed view with the pure functions of libs/commissioning.
 */
@Injectable()
export class CommissioningService {
  constructor(
    private readonly readModel: CommissioningReadModel,
    @Inject(COMMISSIONING_OPTIONS) private readonly options: CommissioningOptions,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private get note(): SuppressionNote {
    return { threshold: this.options.suppressionThreshold, marker: SUPPRESSED, method: METHOD };
  }

  /** The caller's scope: 403 for a region or authority outside a commissioner's region. */
  async scope(principal: Principal, q: ViewQuery): Promise<ResolvedScope> {
    const assignments = await this.readModel.assignments();
    let region: string | null = q.region ?? principal.region ?? null;
    if (region === null && q.la !== undefined) region = regionOf(q.la, assignments);
    if (region !== null) assertRegion(principal, region);
    else if (principal.role !== 'operator') {
      // A commissioner always has a region; this is only reached by a role the guard let through by mistake.
      throw new ForbiddenError('COMMISSIONING.REGION_REQUIRED', 'Name a region');
    }
    const localAuthorities =
      region === null
        ? [
            ...new Set([
              ...resolveRegions(assignments).map((a) => a.localAuthority),
              ...(await this.readModel.authoritiesInData()),
              ...(q.la ? [q.la] : []),
            ]),
          ].sort()
        : authoritiesOf(region, assignments);
    if (q.la !== undefined && !localAuthorities.includes(q.la)) {
      throw new ForbiddenError(
        'COMMISSIONING.AUTHORITY_OUTSIDE_REGION',
        `Authority ${q.la} is not in region '${region}'`,
        { localAuthority: q.la, region },
      );
    }
    return { region, localAuthority: q.la ?? null, localAuthorities };
  }

  /** The period asked for: by default from the start of the current collection year to today. */
  period(q: ViewQuery): Period {
    const today = londonDate(this.clock.now());
    const to = q.to ?? today;
    const from = q.from ?? collectionYearOf(to).start;
    if (from > to) {
      throw new ValidationError('COMMISSIONING.PERIOD_REVERSED', 'from must not be after to', { from, to });
    }
    return { from, to };
  }

  private viewOptions(scope: ResolvedScope): ViewOptions {
    const show: ShowScope =
      scope.localAuthority === null
        ? { kind: 'all' }
        : { kind: 'authority', localAuthority: scope.localAuthority };
    return {
      areas: scope.localAuthorities,
      show,
      policy: suppressionPolicy(this.options.suppressionThreshold),
    };
  }

  async demand(principal: Principal, q: ViewQuery): Promise<ViewResponse> {
    const scope = await this.scope(principal, q);
    const period = this.period(q);
    const facts = await this.readModel.demandFacts(scope.localAuthorities, period.from, period.to);
    return {
      view: 'demand',
      scope,
      period,
      suppression: this.note,
      ...demandView(facts, this.viewOptions(scope)),
    };
  }

  async supply(principal: Principal, q: ViewQuery): Promise<ViewResponse> {
    const scope = await this.scope(principal, q);
    const period = this.period(q);
    const now = this.clock.now().toISOString();
    const endOfTo = `${period.to}T23:59:59.999Z`;
    const facts = await this.readModel.supplyFacts(scope.localAuthorities);
    const view = supplyView(
      facts,
      { ...period, at: now < endOfTo ? now : endOfTo, staleAfterDays: this.options.staleAfterDays },
      this.viewOptions(scope),
    );
    return { view: 'supply', scope, period, suppression: this.note, ...view };
  }

  async gaps(principal: Principal, q: ViewQuery): Promise<ViewResponse> {
    const scope = await this.scope(principal, q);
    const period = this.period(q);
    const facts = await this.readModel.gapFacts(scope.localAuthorities, period.to);
    return {
      view: 'gaps',
      scope,
      period,
      suppression: this.note,
      ...gapsView(facts, period, this.viewOptions(scope)),
    };
  }

  async outcomes(principal: Principal, q: ViewQuery): Promise<ViewResponse> {
    const scope = await this.scope(principal, q);
    const period = this.period(q);
    const year = lastCompleteYear(period.to);
    const facts = await this.readModel.outcomeFacts(scope.localAuthorities);
    const view = outcomesView(
      facts,
      { ...period, year },
      this.viewOptions(scope),
      this.options.stabilityRules,
    );
    return {
      view: 'outcomes',
      scope,
      period: { ...period, stabilityYear: { start: year.start, end: year.end } },
      suppression: this.note,
      ...view,
    };
  }

  async forecast(principal: Principal, q: ViewQuery & { years?: number }): Promise<ForecastResponse> {
    const scope = await this.scope(principal, q);
    const asOf = q.to ?? londonDate(this.clock.now());
    const { spells, observedFrom } = await this.readModel.forecastFacts(scope.localAuthorities);
    const o = this.viewOptions(scope);
    const view = forecastDemand(spells, o.areas, o.show, o.policy, {
      asOf,
      observedFrom: observedFrom ?? asOf,
      years: q.years,
    });
    return { scope, suppression: this.note, ...view };
  }

  /** Every view and the forecast, for the sufficiency statement. */
  async statement(principal: Principal, q: ViewQuery): Promise<SufficiencyStatement> {
    const [demand, supply, gaps, outcomes, forecast] = [
      await this.demand(principal, q),
      await this.supply(principal, q),
      await this.gaps(principal, q),
      await this.outcomes(principal, q),
      await this.forecast(principal, q),
    ];
    const section = ({ breakdowns, shares, statistics }: SectionView): SectionView => ({
      breakdowns,
      shares,
      statistics,
    });
    const { scope: _s, suppression: _n, ...forecastFigures } = forecast;
    return {
      generatedAt: this.clock.now().toISOString(),
      scope: demand.scope,
      period: { ...demand.period, stabilityYear: outcomes.period.stabilityYear! },
      suppression: this.note,
      demand: section(demand),
      supply: section(supply),
      gaps: section(gaps),
      outcomes: section(outcomes),
      forecast: forecastFigures,
    };
  }

  /** Every region with its authorities (shipped and operator-assigned), and authorities in the data with none. */
  async regions(principal: Principal) {
    const assignments = await this.readModel.assignments();
    const resolved = resolveRegions(assignments);
    const regions = [...new Set(resolved.map((a) => a.region))].sort().map((region) => ({
      region,
      localAuthorities: resolved
        .filter((a) => a.region === region)
        .map(({ localAuthority, source, name }) => ({
          localAuthority,
          source,
          ...(name !== undefined && { name }),
        })),
    }));
    if (principal.role !== 'operator') return { regions };
    const mapped = new Set(resolved.map((a) => a.localAuthority));
    const withoutRegion = (await this.readModel.authoritiesInData()).filter((la) => !mapped.has(la));
    return { regions, authoritiesWithoutRegion: withoutRegion };
  }

  /** The region an authority is in now, for an assignment command. */
  async currentRegion(localAuthority: string): Promise<string | null> {
    return regionOf(localAuthority, await this.readModel.assignments());
  }
}
