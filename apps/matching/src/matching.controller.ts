import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { actorOf, assertLocalAuthority, CurrentPrincipal, Principal, Roles } from '@placematch/auth';
import { LivesAlongside, MatchingPolicy, SearchResult, Urgency } from '@placematch/matching';
import { BEARER_AUTH } from '@placematch/platform';
import { PlacementPurpose } from '@placematch/supply';
import { MatchingIndex } from './matching-index.service';
import { SetPolicyDto } from './policies.dto';
import { SetMatchingPolicy } from './set-policy.handler';
import { SearchInput, SearchMatches } from './search.handler';
import { SearchDto } from './search.dto';

/**
 * The matching engine's API: a ranked, explained menu of matches for a need (the engine offers, people
 * decide), and the versioned policies it scores with.
 */
@ApiTags('matching')
@ApiBearerAuth(BEARER_AUTH)
@Controller('api/matching')
export class MatchingController {
  constructor(
    private readonly queries: QueryBus,
    private readonly commands: CommandBus,
    private readonly index: MatchingIndex,
  ) {}

  @Post('search')
  @HttpCode(200)
  @Roles('placement-officer', 'senior-manager')
  @ApiOperation({
    summary: 'Search: eligible settings ranked with each factor explained, guards flagged, splits proposed',
  })
  search(@CurrentPrincipal() p: Principal, @Body() dto: SearchDto): Promise<SearchResult> {
    assertLocalAuthority(p, dto.homeLocalAuthority, {
      code: 'SEARCH.OUT_OF_SCOPE',
      message: 'Search only for your own authority’s children',
    });
    const { limit, ...need } = dto;
    const input: SearchInput = {
      ...need,
      purpose: need.purpose as PlacementPurpose,
      urgency: need.urgency as Urgency,
      children: need.children.map((c) => ({
        ...c,
        yearGroup: c.yearGroup ?? null,
        livesAlongside: c.livesAlongside as LivesAlongside,
      })) as SearchInput['children'],
    };
    return this.queries.execute(new SearchMatches(input, limit ?? 20));
  }

  @Get('policies')
  @Roles('operator', 'placement-officer', 'senior-manager', 'commissioner')
  @ApiOperation({ summary: 'Every policy set through the API, with its version' })
  policies(): MatchingPolicy[] {
    return this.index.allPolicies();
  }

  @Get('policies/:localAuthority')
  @Roles('operator', 'placement-officer', 'senior-manager', 'commissioner')
  @ApiOperation({ summary: 'The policy a search for this authority’s children uses now' })
  policyFor(@Param('localAuthority') la: string): MatchingPolicy {
    return this.index.policyFor(la);
  }

  @Put('policies')
  @Roles('operator')
  @ApiOperation({ summary: 'Set a new version of a scope’s policy (the default, or one authority’s)' })
  async setPolicy(@CurrentPrincipal() p: Principal, @Body() dto: SetPolicyDto) {
    const scope = dto.localAuthority ? { localAuthority: dto.localAuthority } : {};
    const policy = { ...(dto.policy as unknown as Omit<MatchingPolicy, 'version'>), id: dto.id, scope };
    return this.commands.execute(new SetMatchingPolicy(policy, dto.reason, actorOf(p)));
  }

  @Get('status')
  @Roles('operator')
  @ApiOperation({ summary: 'The index: settings held, events applied, how it started and how long it took' })
  status() {
    return this.index.status();
  }
}
