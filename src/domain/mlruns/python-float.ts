// Python's `repr(float)` (what MLflow's FileStore writes into metric files: f"{metric.value}"):
// the shortest digits that round-trip, in fixed notation when the decimal exponent is in
// [-4, 16), else scientific with a sign and at least two exponent digits; `nan`, `inf`, `-inf`.
// (CPython Python/pystrtod.c, `float_repr_style = 'short'`, mode 'r'.)

/**
 * @example pythonFloatRepr(0.5) // '0.5'
 * @example pythonFloatRepr(1) // '1.0'
 * @example pythonFloatRepr(1e-5) // '1e-05'
 * @example pythonFloatRepr(NaN) // 'nan'
 */
export function pythonFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  // toExponential() without an argument gives the shortest digits that identify the double.
  const [mantissa = '0', exponent = '0'] = Math.abs(x).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exp = Number(exponent);
  if (exp >= -4 && exp < 16) {
    if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
    const whole = digits.length > exp + 1 ? digits.slice(0, exp + 1) : digits.padEnd(exp + 1, '0');
    const fraction = digits.length > exp + 1 ? digits.slice(exp + 1) : '0';
    return `${sign}${whole}.${fraction}`;
  }
  const head = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  return `${sign}${head}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}
