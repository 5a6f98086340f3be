using System;
using System.Globalization;
using System.Numerics;

namespace NetGen;

/// <summary>
/// Python's float formatting, digit for digit, for the text Keras callbacks write (CSV rows, checkpoint names,
/// messages): <c>str(x)</c>/<c>repr(x)</c> and the format types <c>f</c>, <c>e</c> and <c>g</c>. Rounding is exact
/// (round-half-even on the binary value, as CPython's <c>dtoa</c>), so <c>format(0.125, '.2f')</c> is <c>0.12</c>
/// and <c>format(2.5, '.0f')</c> is <c>2</c> where .NET's "F" formats would round the tie up.
/// </summary>
internal static class PythonFloat
{
    /// <summary>
    /// Python's <c>repr(x)</c> (= <c>str(x)</c>): the shortest digits that round-trip, fixed notation when the decimal
    /// exponent is in [−4, 16), else <c>1e-05</c> style; a whole number keeps <c>.0</c>. <c>inf</c>, <c>-inf</c>, <c>nan</c>.
    /// </summary>
    public static string Repr(double value)
    {
        if (double.IsNaN(value)) return "nan";
        if (double.IsInfinity(value)) return value > 0 ? "inf" : "-inf";
        string sign = double.IsNegative(value) ? "-" : "";
        if (value == 0) return sign + "0.0";

        // .NET's "R" is the shortest round-trip string too (closest of the shortest, like dtoa mode 0); only the layout differs.
        (string digits, int point) = ShortestDigits(Math.Abs(value));
        if (point <= -4 || point > 16)
        {
            string mantissa = digits.Length == 1 ? digits : digits[..1] + "." + digits[1..];
            return sign + mantissa + ExponentSuffix(point - 1, upper: false);
        }
        if (point <= 0) return sign + "0." + new string('0', -point) + digits;
        if (point >= digits.Length) return sign + digits + new string('0', point - digits.Length) + ".0";
        return sign + digits[..point] + "." + digits[point..];
    }

    /// <summary>Python's <c>format(x, '.{precision}f')</c> (<c>F</c> when <paramref name="upper"/>: <c>INF</c>, <c>NAN</c>).</summary>
    public static string Fixed(double value, int precision, bool upper = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(precision);
        if (!double.IsFinite(value)) return NonFinite(value, upper);
        string digits = ScaleAndRound(Math.Abs(value), precision).ToString(CultureInfo.InvariantCulture);
        if (digits.Length <= precision) digits = new string('0', precision + 1 - digits.Length) + digits;
        string text = precision == 0 ? digits : digits[..^precision] + "." + digits[^precision..];
        return double.IsNegative(value) ? "-" + text : text;
    }

    /// <summary>Python's <c>format(x, '.{precision}e')</c>: <c>1.235e-04</c>, at least two exponent digits.</summary>
    public static string Exponent(double value, int precision, bool upper = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(precision);
        if (!double.IsFinite(value)) return NonFinite(value, upper);
        double magnitude = Math.Abs(value);
        (string digits, int exponent) = magnitude == 0 ? (new string('0', precision + 1), 0) : SignificantDigits(magnitude, precision + 1);
        string mantissa = precision == 0 ? digits : digits[..1] + "." + digits[1..];
        return (double.IsNegative(value) ? "-" : "") + mantissa + ExponentSuffix(exponent, upper);
    }

    /// <summary>
    /// Python's <c>format(x, '.{precision}g')</c>: <paramref name="precision"/> significant digits (0 counts as 1), fixed
    /// notation when the exponent is in [−4, precision), trailing zeros and a bare point removed; zero is <c>0</c>.
    /// </summary>
    public static string General(double value, int precision, bool upper = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(precision);
        if (!double.IsFinite(value)) return NonFinite(value, upper);
        if (precision == 0) precision = 1;
        string sign = double.IsNegative(value) ? "-" : "";
        double magnitude = Math.Abs(value);
        if (magnitude == 0) return sign + "0";
        (string digits, int exponent) = SignificantDigits(magnitude, precision);
        if (exponent >= -4 && exponent < precision)
            return sign + TrimFraction(Fixed(magnitude, precision - 1 - exponent));
        string mantissa = TrimFraction(precision == 1 ? digits : digits[..1] + "." + digits[1..]);
        return sign + mantissa + ExponentSuffix(exponent, upper);
    }

    private static string NonFinite(double value, bool upper)
    {
        string text = double.IsNaN(value) ? "nan" : value > 0 ? "inf" : "-inf";
        return upper ? text.ToUpperInvariant() : text;
    }

    /// <summary>e+05, e-123: the sign and at least two digits, as C's printf.</summary>
    private static string ExponentSuffix(int exponent, bool upper) =>
        (upper ? "E" : "e") + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);

    /// <summary>Removes trailing zeros after the point, then the point if nothing follows it.</summary>
    private static string TrimFraction(string text) => text.Contains('.') ? text.TrimEnd('0').TrimEnd('.') : text;

    /// <summary>The shortest round-trip digits of a positive finite value (no leading or trailing zeros) and the position of the decimal point: value = 0.digits × 10^point.</summary>
    private static (string Digits, int Point) ShortestDigits(double magnitude)
    {
        string text = magnitude.ToString("R", CultureInfo.InvariantCulture);
        int e = text.IndexOfAny(['E', 'e']);
        int exponent = 0;
        if (e >= 0)
        {
            exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }
        int dot = text.IndexOf('.');
        int point = (dot < 0 ? text.Length : dot) + exponent;
        string digits = dot < 0 ? text : text.Remove(dot, 1);
        int leading = 0;
        while (leading < digits.Length - 1 && digits[leading] == '0') leading++;
        digits = digits[leading..].TrimEnd('0');
        return (digits, point - leading);
    }

    /// <summary><paramref name="count"/> significant digits of a positive finite value, correctly rounded, and its decimal exponent: value ≈ d.ddd × 10^exponent.</summary>
    private static (string Digits, int Exponent) SignificantDigits(double magnitude, int count)
    {
        var lowest = BigInteger.Pow(10, count - 1);
        BigInteger limit = lowest * 10;
        // The exponent of the exact value (Log10 is only an estimate near powers of ten), then the rounding, which may carry into the next power.
        int exponent = (int)Math.Floor(Math.Log10(magnitude));
        while (true)
        {
            (BigInteger numerator, BigInteger denominator) = Scale(magnitude, count - 1 - exponent);
            if (numerator < lowest * denominator) exponent--;
            else if (numerator >= limit * denominator) exponent++;
            else
            {
                BigInteger digits = RoundHalfEven(numerator, denominator);
                if (digits == limit)
                {
                    digits = lowest;
                    exponent++;
                }
                return (digits.ToString(CultureInfo.InvariantCulture), exponent);
            }
        }
    }

    /// <summary>round(<paramref name="magnitude"/> × 10^<paramref name="power"/>), exactly, ties to even.</summary>
    private static BigInteger ScaleAndRound(double magnitude, int power)
    {
        (BigInteger numerator, BigInteger denominator) = Scale(magnitude, power);
        return RoundHalfEven(numerator, denominator);
    }

    /// <summary><paramref name="magnitude"/> × 10^<paramref name="power"/> as an exact fraction.</summary>
    private static (BigInteger Numerator, BigInteger Denominator) Scale(double magnitude, int power)
    {
        long bits = BitConverter.DoubleToInt64Bits(magnitude);
        int biased = (int)((bits >> 52) & 0x7FF);
        long fraction = bits & 0xF_FFFF_FFFF_FFFFL;
        BigInteger numerator = biased == 0 ? fraction : fraction | (1L << 52);
        int binaryExponent = biased == 0 ? -1074 : biased - 1075;
        BigInteger denominator = BigInteger.One;
        if (binaryExponent >= 0) numerator <<= binaryExponent;
        else denominator <<= -binaryExponent;
        if (power >= 0) numerator *= BigInteger.Pow(10, power);
        else denominator *= BigInteger.Pow(10, -power);
        return (numerator, denominator);
    }

    /// <summary>The nearest integer to numerator / denominator, ties to even.</summary>
    private static BigInteger RoundHalfEven(BigInteger numerator, BigInteger denominator)
    {
        BigInteger quotient = BigInteger.DivRem(numerator, denominator, out BigInteger remainder);
        int half = (remainder << 1).CompareTo(denominator);
        if (half > 0 || (half == 0 && !quotient.IsEven)) quotient += BigInteger.One;
        return quotient;
    }
}
