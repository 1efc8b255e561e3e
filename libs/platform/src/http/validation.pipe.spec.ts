import { Body, Controller, INestApplication, Module, Post } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsArray, IsInt, IsNotEmpty, IsString, Max, Min, ValidateNested } from 'class-validator';
import request from 'supertest';
import { createHttpApp } from '../bootstrap/bootstrap';
import { testConfig } from '../testing';

class AgeRangeDto {
  @IsInt() @Min(0) min!: number;
  @IsInt() @Max(17) max!: number;
}

class ApprovalDto {
  @ValidateNested() @Type(() => AgeRangeDto) ageRange!: AgeRangeDto;
  @IsInt() @Min(1) places!: number;
}

class ChildInPlacementDto {
  @IsString() @IsNotEmpty() reference!: string;
  @IsInt() @Min(0) ageInMonths!: number;
}

class SetApprovalTermsDto {
  @IsString() settingId!: string;
  @ValidateNested() @Type(() => ApprovalDto) approval!: ApprovalDto;
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ChildInPlacementDto)
  childrenInPlacement!: ChildInPlacementDto[];
  @IsArray() @IsString({ each: true }) specialisms!: string[];
}

@Controller('settings')
class SettingsController {
  @Post('approval-terms')
  setTerms(@Body() body: SetApprovalTermsDto) {
    return {
      isDto: body instanceof SetApprovalTermsDto,
      ageRangeIsDto: body.approval.ageRange instanceof AgeRangeDto,
      childIsDto: body.childrenInPlacement[0] instanceof ChildInPlacementDto,
    };
  }
}

@Module({ controllers: [SettingsController] })
class SettingsTestModule {}

const valid = () => ({
  settingId: 'setting-1',
  approval: { ageRange: { min: 0, max: 17 }, places: 2 },
  childrenInPlacement: [
    { reference: 'c-1', ageInMonths: 40 },
    { reference: 'c-2', ageInMonths: 100 },
  ],
  specialisms: ['disability'],
});

describe('createValidationPipe (through createHttpApp)', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await createHttpApp(SettingsTestModule, testConfig());
  });
  afterAll(() => app.close());

  const post = (body: unknown) =>
    request(app.getHttpServer())
      .post('/settings/approval-terms')
      .send(body as object);

  it('passes a valid body through, turned into the DTO classes down to nested arrays', async () => {
    const res = await post(valid());
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ isDto: true, ageRangeIsDto: true, childIsDto: true });
  });

  it('names nested fields by dotted path, with array indexes, and says why each is wrong', async () => {
    const body = valid();
    body.approval.ageRange.max = 25;
    body.childrenInPlacement[1].ageInMonths = -1;
    body.childrenInPlacement[1].reference = '';

    const res = await post(body);

    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      code: 'VALIDATION.FAILED',
      message:
        'The request has invalid fields: approval.ageRange.max, childrenInPlacement.1.reference, childrenInPlacement.1.ageInMonths',
      details: {
        fields: [
          { field: 'approval.ageRange.max', reason: 'max must not be greater than 17' },
          { field: 'childrenInPlacement.1.reference', reason: 'reference should not be empty' },
          { field: 'childrenInPlacement.1.ageInMonths', reason: 'ageInMonths must not be less than 0' },
        ],
      },
    });
  });

  it('refuses an unknown field, at the top or nested, naming it', async () => {
    const body = { ...valid(), nickname: 'Jo', approval: { ...valid().approval, colour: 'blue' } };

    const res = await post(body);

    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION.FAILED');
    expect(res.body.details.fields).toEqual(
      expect.arrayContaining([
        { field: 'nickname', reason: 'property nickname should not exist' },
        { field: 'approval.colour', reason: 'property colour should not exist' },
      ]),
    );
    expect(res.body.details.fields).toHaveLength(2);
  });

  it('refuses values of the wrong type, including a scalar where an object belongs', async () => {
    const res = await post({
      ...valid(),
      approval: 'approved',
      childrenInPlacement: [{ reference: 'c-1', ageInMonths: 'forty' }],
      specialisms: ['disability', 7],
    });

    expect(res.status).toBe(400);
    expect(res.body.details.fields).toEqual([
      { field: 'approval', reason: 'nested property approval must be either object or array' },
      { field: 'childrenInPlacement.0.ageInMonths', reason: 'ageInMonths must not be less than 0' },
      { field: 'childrenInPlacement.0.ageInMonths', reason: 'ageInMonths must be an integer number' },
      { field: 'specialisms', reason: 'each value in specialisms must be a string' },
    ]);
    expect(res.body.message).toBe(
      'The request has invalid fields: approval, childrenInPlacement.0.ageInMonths, specialisms',
    );
  });

  it('reports a missing required field', async () => {
    const { settingId: _omitted, ...body } = valid();
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      code: 'VALIDATION.FAILED',
      message: 'The request has an invalid field: settingId',
      details: { fields: [{ field: 'settingId', reason: 'settingId must be a string' }] },
    });
  });
});
