import { Module } from '@nestjs/common';
import { MatchingController } from './matching.controller';
import { MatchingIndex } from './matching-index.service';
import { SearchMatchesHandler } from './search.handler';
import { SetMatchingPolicyHandler } from './set-policy.handler';
import { SnapshotStore } from './snapshot.store';

/** The matching context: the in-memory index, the search and the policies. */
@Module({
  controllers: [MatchingController],
  providers: [SnapshotStore, MatchingIndex, SearchMatchesHandler, SetMatchingPolicyHandler],
  exports: [MatchingIndex],
})
export class MatchingModule {}
