// Input shape (lengths, formats, ranges) is declared once, on the input type's fields, and
// checked by one pipe before any resolver runs: the first violation is BAD_USER_INPUT
// naming the field. Services keep the rules that need data or several fields at once.
import { applyDecorators, ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Length, MaxLength, ValidationOptions } from 'class-validator';
import { badInput } from '../errors/domain-error';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Required free text, trimmed, 1 to `max` characters. */
export function Text(max = 200): PropertyDecorator {
  return applyDecorators(
    Transform(trimmed),
    IsString({ message: '$property must be text' }),
    Length(1, max, { message: `$property must be 1 to ${max} characters` }),
  );
}

/**
 * Optional free text, trimmed: absent leaves it be (in an update), null or blank means none.
 * At most `max` characters.
 */
export function OptionalText(max = 10000): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) => {
      const text = trimmed({ value });
      return text === '' ? null : text;
    }),
    IsOptional(),
    IsString({ message: '$property must be text' }),
    MaxLength(max, { message: `$property must be at most ${max} characters` }),
  );
}

/** Null is refused: a field an update may leave out but never clear. */
export function NotNull(options?: ValidationOptions): PropertyDecorator {
  return applyDecorators(
    Transform(({ value, key }) => {
      if (value === null) throw badInput(`${key} cannot be cleared`, { field: key });
      return value;
    }, options),
  );
}

/** The first violation, depth first, with the path of the field that holds it. */
function firstViolation(errors: ValidationError[], prefix = ''): { field: string; message: string } | null {
  for (const error of errors) {
    if (error.constraints) {
      const [message] = Object.values(error.constraints);
      return { field: error.property, message: prefix ? `${prefix}.${message}` : message };
    }
    const inner = firstViolation(error.children ?? [], prefix ? `${prefix}.${error.property}` : error.property);
    if (inner) return inner;
  }
  return null;
}

/**
 * What GraphQL hands a resolver besides its arguments: the parent object, the context and
 * the query's info are the server's own, with no shape to check. Global pipes run for
 * field resolvers too, so checking them would copy and validate every parent object of
 * every nested field (a page of 100 projects: hundreds per request).
 */
const NOT_INPUT = new Set(['root', 'context', 'info']);

class InputShapePipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    return NOT_INPUT.has(metadata.type) ? Promise.resolve(value) : super.transform(value, metadata);
  }
}

/** The one pipe that checks every argument's declared shape and applies its transforms. */
export function inputShapePipe(): ValidationPipe {
  return new InputShapePipe({
    transform: true,
    stopAtFirstError: true,
    forbidUnknownValues: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const violation = firstViolation(errors);
      return badInput(violation?.message ?? 'Invalid input', violation ? { field: violation.field } : undefined);
    },
  });
}
