import { parseQuantity, QUANTITY_WITH_UNIT_PATTERN } from './quantity';

describe('parseQuantity', () => {
  it.each([
    ['2Gi', 2 * 2 ** 30],
    ['500Mi', 500 * 2 ** 20],
    ['1.5Gi', 1.5 * 2 ** 30],
    ['2G', 2e9],
    ['500m', 0.5],
    ['1', 1],
    ['1e3', 1000],
  ])('reads %s', (text, value) => {
    expect(parseQuantity(text)).toBeCloseTo(value);
  });

  it.each(['2GB', 'Gi', '1..5', '', '10 Gi'])('rejects %p', text => {
    expect(parseQuantity(text)).toBeUndefined();
  });

  it('demands a unit for quotas', () => {
    expect(QUANTITY_WITH_UNIT_PATTERN.test('2Gi')).toBe(true);
    expect(QUANTITY_WITH_UNIT_PATTERN.test('40960')).toBe(false);
    expect(QUANTITY_WITH_UNIT_PATTERN.test('2GB')).toBe(false);
    expect(QUANTITY_WITH_UNIT_PATTERN.test('500m')).toBe(false);
  });
});
