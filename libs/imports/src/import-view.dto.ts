import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const COUNTS_DESCRIPTION =
  'Counts as the import’s service reports them: always rowsRead, imported and rejected (rows with a problem); ' +
  'Ofsted lists add unchanged, skipped and eventsWritten; SSDA903 returns add phase, headerRows, episodeRows, ' +
  'children, childrenDone, unchanged, placementsImported, placementsUnchanged, merged and eventsWritten';

/** Counts, for the OpenAPI document. */
export class ImportCountsDto {
  @ApiProperty({ example: 9 }) rowsRead!: number;
  @ApiProperty({ example: 3 }) imported!: number;
  @ApiProperty({ example: 6 }) rejected!: number;
}

/** A bad row, for the OpenAPI document. */
export class ImportProblemDto {
  @ApiProperty({ example: 4 }) line!: number;
  @ApiProperty({ example: 'URN "SC99910" is not an Ofsted URN' }) reason!: string;
  @ApiPropertyOptional({ description: 'SSDA903: header or episodes' }) file?: string;
  @ApiPropertyOptional({ description: 'Ofsted: the field at fault' }) field?: string;
  @ApiPropertyOptional({ description: 'SSDA903: the column at fault' }) column?: string;
  @ApiPropertyOptional({ description: 'SSDA903: the problem’s code' }) code?: string;
}

/** The report of a completed import, for the OpenAPI document. */
export class ImportResultDto {
  @ApiProperty({ type: ImportCountsDto, description: COUNTS_DESCRIPTION }) counts!: ImportCountsDto;
  @ApiProperty({ type: [String] }) notices!: string[];
  @ApiProperty({ type: [ImportProblemDto] }) problems!: ImportProblemDto[];
}

/** An import as `GET /api/imports/{id}` shows it, for the OpenAPI document. */
export class ImportViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['ofsted', 'ssda903'] }) kind!: string;
  @ApiProperty({ enum: ['waiting', 'active', 'completed', 'failed'] }) state!: string;
  @ApiProperty({ type: ImportCountsDto, description: COUNTS_DESCRIPTION }) progress!: ImportCountsDto;
  @ApiPropertyOptional({ type: ImportResultDto, description: 'Once completed' }) result?: ImportResultDto;
  @ApiPropertyOptional({ description: 'Once failed: the code and why, such as OFSTED.MISSING_COLUMNS: …' })
  failedReason?: string;
  @ApiPropertyOptional({ description: 'Attempts ended (up to 3; a malformed file is tried once)' })
  attemptsMade?: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiPropertyOptional({ format: 'date-time' }) finishedAt?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The failed import this one retries' })
  retryOf?: string;
  @ApiProperty({ description: 'Whether the uploaded files are still held (deleted once imported)' })
  uploadKept!: boolean;
}
