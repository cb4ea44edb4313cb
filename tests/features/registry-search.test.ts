import { describe, expect, test } from 'vitest';
import { looksLikeModelFilter, modelFilterFor, versionsFilterFor } from '../../src/features/registry/registry-search';
import { modelsListHref, modelVersionHref, MODEL_TABS, nameFromParam, registeredModelHref, runSourceOf, tabOf, VERSION_TABS } from '../../src/features/registry/registry-route';

describe('the models search box', () => {
  test('plain text is a case-insensitive name fragment; blank is every model', () => {
    expect(modelFilterFor('wine')).toBe("name ILIKE '%wine%'");
    expect(modelFilterFor('  ')).toBeUndefined();
    expect(modelFilterFor(undefined)).toBeUndefined();
    expect(modelFilterFor("o'brien")).toBe("name ILIKE '%o_brien%'");
    expect(modelFilterFor('<script>alert(1)</script>')).toBe("name ILIKE '%<script>alert(1)</script>%'");
  });

  test("a comparator or LIKE makes it MLflow's registered-model filter, passed as typed", () => {
    for (const f of ["name = 'wine'", "tags.team != 'x'", "name LIKE 'w%'", "name ilike 'W%'", "tags.`a b` = 'c'", "name='x' AND tags.t='y'"]) {
      expect(looksLikeModelFilter(f), f).toBe(true);
      expect(modelFilterFor(f)).toBe(f);
    }
    // Markup and words that merely contain comparators stay text.
    for (const t of ['<img src=x onerror=alert(1)>', 'a=b', 'named model', 'tagsless']) expect(looksLikeModelFilter(t), t).toBe(false);
  });

  test("every version of a model: exact name, or LIKE when the name holds a quote", () => {
    expect(versionsFilterFor('wine')).toBe("name = 'wine'");
    expect(versionsFilterFor("o'brien's")).toBe("name LIKE 'o_brien_s'");
  });
});

describe('registry addresses', () => {
  test('names travel as one encoded segment and come back unchanged', () => {
    for (const name of ['wine', 'a/b', 'x#y?z', '50%', '<img src=x onerror=alert(1)>', 'é ü']) {
      const href = registeredModelHref(name);
      expect(href.split('/')).toHaveLength(3);
      expect(nameFromParam(href.split('/')[2])).toBe(name);
    }
    expect(modelVersionHref('a/b', '3', 'try')).toBe('/models/a%2Fb/versions/3?tab=try');
    expect(registeredModelHref('m', 'overview')).toBe('/models/m');
    expect(registeredModelHref('m', 'audit')).toBe('/models/m?tab=audit');
    expect(modelsListHref("name = 'x'")).toBe("/models?search=name%20%3D%20'x'");
    expect(nameFromParam('%E0%A4%A')).toBe('%E0%A4%A');
  });

  test('an unknown tab is the first one', () => {
    expect(tabOf(MODEL_TABS, 'audit')).toBe('audit');
    expect(tabOf(MODEL_TABS, 'nope')).toBe('overview');
    expect(tabOf(VERSION_TABS, ['try', 'x'])).toBe('try');
    expect(tabOf(VERSION_TABS, undefined)).toBe('overview');
  });
});

describe("a version's source", () => {
  test('runs:/ sources name a run and a path; others are shown as typed', () => {
    expect(runSourceOf('runs:/0a1b2c/model')).toEqual({ runId: '0a1b2c', path: 'model' });
    expect(runSourceOf('runs:/0a1b2c/models/wine v2')).toEqual({ runId: '0a1b2c', path: 'models/wine v2' });
    expect(runSourceOf('runs:/0a1b2c')).toBeUndefined();
    expect(runSourceOf('s3://bucket/model')).toBeUndefined();
    expect(runSourceOf('not a uri')).toBeUndefined();
  });
});
