// The structure checks MLflow applies to array / object / map / any ColSpec types when it reads a
// signature (mlflow/types/schema.py `Array.from_json_dict`, `Object.from_json_dict`,
// `Property.from_json_dict`, `Map.from_json_dict`), with its messages. Orchard keeps these
// specs verbatim: they display, but browser-side enforcement does not support them.
import { COLSPEC_TYPES, isColSpecType } from './dtypes';
import { pyRepr } from './python-text';

type Dict = Record<string, unknown>;
const isDict = (v: unknown): v is Dict => typeof v === 'object' && v !== null && !Array.isArray(v);
const MAX_DEPTH = 32;

function unsupported(type: unknown): Error {
  return new Error(`Unsupported type ${pyRepr(type)}, expected instance of DataType, Array, Object, Map or one of ${pyRepr([...COLSPEC_TYPES])}`);
}

/** Checks a type dict (`{"type": ..., ...}`) found inside an array, object property or map. */
function checkNested(x: Dict, depth: number): void {
  if (isColSpecType(x.type)) return;
  checkComplexType(x, depth + 1);
}

/** Throws (a plain Error; the caller names the signature part) when the structure is not one MLflow reads. */
export function checkComplexType(x: Dict, depth: number): void {
  if (depth > MAX_DEPTH) throw new Error(`The type is nested more than ${MAX_DEPTH} levels deep.`);
  switch (x.type) {
    case 'any':
    case 'sparkml_vector':
      return;
    case 'array': {
      if (!('items' in x)) throw new Error('Missing keys in Array JSON. Expected to find keys `items` and `type`');
      if (!isDict(x.items)) throw new Error('Expected items to be a dictionary of Object JSON');
      if (!('type' in x.items)) throw new Error("Missing keys in Array's items JSON. Expected to find key `type`");
      return checkNested(x.items, depth);
    }
    case 'map': {
      if (!('values' in x)) throw new Error('Missing keys in Array JSON. Expected to find keys `items` and `type`');
      if (!isDict(x.values)) throw new Error('Expected values to be a dictionary of Object JSON');
      if (!('type' in x.values)) throw new Error("Missing keys in Map's items JSON. Expected to find key `type`");
      return checkNested(x.values, depth);
    }
    case 'object': {
      if (!('properties' in x)) throw new Error('Missing keys in Object JSON. Expected to find keys `properties` and `type`');
      const props = x.properties;
      if (!isDict(props) || !Object.values(props).every(isDict)) throw new Error('Expected properties to be a dictionary of Property JSON');
      if (Object.keys(props).length === 0) throw new Error('Creating Object with empty properties is not allowed.');
      for (const [name, prop] of Object.entries(props)) {
        if (!isDict(prop) || !('type' in prop)) throw new Error(`Missing keys in Property \`${name}\`. Expected to find key \`type\``);
        if (prop.required !== undefined && typeof prop.required !== 'boolean') throw new Error(`Property \`${name}\` has a non-boolean \`required\``);
        checkNested(prop, depth);
      }
      return;
    }
    default:
      throw unsupported(x.type);
  }
}
