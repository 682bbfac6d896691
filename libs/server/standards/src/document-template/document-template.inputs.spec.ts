import { DomainError, inputShapePipe } from '@pmo/core';
import { CreateDocumentTemplateInput, UpdateDocumentTemplateInput } from './document-template.inputs';
import { DocumentKind } from './document-template.model';

const pipe = inputShapePipe();
const shape = async <T>(metatype: new () => T, value: object): Promise<T | { code: string; field: unknown }> => {
  try {
    return (await pipe.transform(value, { type: 'body', metatype })) as T;
  } catch (error) {
    const { code, details } = error as DomainError;
    return { code, field: details?.field };
  }
};

const tenantId = '00000000-0000-4000-8000-000000000001';

describe('document template input shape', () => {
  it('bounds the body at 100 KB of UTF-8', async () => {
    const create = (body: string) => shape(CreateDocumentTemplateInput, { tenantId, title: 'Plan', kind: DocumentKind.PLAN, body });
    expect(await create('x'.repeat(100 * 1024))).toMatchObject({ body: 'x'.repeat(100 * 1024) });
    expect(await create('')).toMatchObject({ body: '' });
    expect(await create('x'.repeat(100 * 1024 + 1))).toEqual({ code: 'BAD_USER_INPUT', field: 'body' });
    expect(await create('é'.repeat(60 * 1024))).toEqual({ code: 'BAD_USER_INPUT', field: 'body' });
  });

  it('never clears a title, kind or body in an update', async () => {
    const id = '00000000-0000-4000-8000-000000000002';
    expect(await shape(UpdateDocumentTemplateInput, { id, title: ' Charter ' })).toEqual({ id, title: 'Charter' });
    for (const field of ['title', 'kind', 'body']) {
      expect(await shape(UpdateDocumentTemplateInput, { id, [field]: null })).toEqual({ code: 'BAD_USER_INPUT', field });
    }
  });
});
