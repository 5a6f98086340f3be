namespace NetGen.Tests.Callbacks;

/// <summary>
/// Python's float formatting, digit for digit. Every expected string was produced by CPython 3 (<c>repr(x)</c> and
/// <c>format(x, spec)</c>); the ties (0.125 → 0.12, 2.5 → 2) are where .NET's own formats would differ.
/// </summary>
public sealed class PythonFloatTests
{
    [Theory]
    [InlineData(0.5, "0.5")]
    [InlineData(0.12345678901234568, "0.12345678901234568")]
    [InlineData(1e-05, "1e-05")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00012, "0.00012")]
    [InlineData(2.5e-7, "2.5e-07")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(123456789012345678.0, "1.2345678901234568e+17")]
    [InlineData(9007199254740992.0, "9007199254740992.0")]
    [InlineData(1.5e22, "1.5e+22")]
    [InlineData(0.0, "0.0")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(100.0, "100.0")]
    [InlineData(-1.25, "-1.25")]
    [InlineData(12345.678, "12345.678")]
    [InlineData(0.1 + 0.2, "0.30000000000000004")]
    [InlineData(1.0 / 3, "0.3333333333333333")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(double.MaxValue, "1.7976931348623157e+308")]
    [InlineData(double.NaN, "nan")]
    [InlineData(double.PositiveInfinity, "inf")]
    [InlineData(double.NegativeInfinity, "-inf")]
    public void Repr_IsPythonsStr(double value, string expected) => Assert.Equal(expected, PythonFloat.Repr(value));

    [Theory]
    [InlineData(0.125, 2, "0.12")]
    [InlineData(0.375, 2, "0.38")]
    [InlineData(2.5, 0, "2")]
    [InlineData(3.5, 0, "4")]
    [InlineData(0.5, 0, "0")]
    [InlineData(1.5, 0, "2")]
    [InlineData(-2.5, 0, "-2")]
    [InlineData(-0.001, 2, "-0.00")]
    [InlineData(0.4512, 2, "0.45")]
    [InlineData(1.005, 2, "1.00")]
    [InlineData(123.456, 1, "123.5")]
    [InlineData(1234.5678, 6, "1234.567800")]
    [InlineData(1e-7, 6, "0.000000")]
    [InlineData(1e22, 2, "10000000000000000000000.00")]
    [InlineData(0.0, 3, "0.000")]
    [InlineData(5e-324, 3, "0.000")]
    [InlineData(double.PositiveInfinity, 5, "inf")]
    [InlineData(double.NegativeInfinity, 5, "-inf")]
    [InlineData(double.NaN, 5, "nan")]
    public void Fixed_IsPythonsF(double value, int precision, string expected) => Assert.Equal(expected, PythonFloat.Fixed(value, precision));

    [Theory]
    [InlineData(0.000123456, 3, "1.235e-04")]
    [InlineData(0.0, 3, "0.000e+00")]
    [InlineData(1e-5, 0, "1e-05")]
    [InlineData(5e-324, 3, "4.941e-324")]
    [InlineData(9.9996, 3, "1.000e+01")]
    [InlineData(1e100, 2, "1.00e+100")]
    [InlineData(-12345.678, 2, "-1.23e+04")]
    [InlineData(0.5, 0, "5e-01")]
    [InlineData(2.5, 0, "2e+00")]
    [InlineData(0.125, 1, "1.2e-01")]
    [InlineData(1e22, 6, "1.000000e+22")]
    [InlineData(double.MaxValue, 4, "1.7977e+308")]
    [InlineData(1e-14, 17, "9.99999999999999999e-15")] // just below the power of ten: the exponent of the exact value
    [InlineData(1e23, 2, "1.00e+23")]
    public void Exponent_IsPythonsE(double value, int precision, string expected) => Assert.Equal(expected, PythonFloat.Exponent(value, precision));

    [Theory]
    [InlineData(123456789.0, 3, "1.23e+08")]
    [InlineData(0.0001, 3, "0.0001")]
    [InlineData(0.000099999, 3, "0.0001")]
    [InlineData(1e-5, 6, "1e-05")]
    [InlineData(-0.0, 6, "-0")]
    [InlineData(9.9996, 4, "10")]
    [InlineData(100000.0, 6, "100000")]
    [InlineData(1000000.0, 6, "1e+06")]
    [InlineData(123456.0, 6, "123456")]
    [InlineData(1234567.0, 6, "1.23457e+06")]
    [InlineData(0.5, 0, "0.5")]
    [InlineData(1e300, 2, "1e+300")]
    [InlineData(0.00012345, 2, "0.00012")]
    [InlineData(123.456, 4, "123.5")]
    [InlineData(1.5, 1, "2")]
    [InlineData(2.5, 1, "2")]
    [InlineData(0.1 + 0.2, 17, "0.30000000000000004")]
    [InlineData(1e16, 17, "10000000000000000")]
    [InlineData(1e-7, 17, "9.9999999999999995e-08")]
    [InlineData(1e23, 17, "9.9999999999999992e+22")]
    public void General_IsPythonsG(double value, int precision, string expected) => Assert.Equal(expected, PythonFloat.General(value, precision));

    [Fact]
    public void UpperCaseVariants_UpperCaseTheExponentAndTheSpecialValues()
    {
        Assert.Equal("1.50E-07", PythonFloat.Exponent(1.5e-7, 2, upper: true));
        Assert.Equal("1E+06", PythonFloat.General(1e6, 1, upper: true));
        Assert.Equal("INF", PythonFloat.Fixed(double.PositiveInfinity, 2, upper: true));
        Assert.Equal("NAN", PythonFloat.General(double.NaN, 2, upper: true));
    }
}
