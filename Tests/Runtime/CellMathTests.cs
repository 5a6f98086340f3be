using System;
using NetGen.Kernels;

namespace NetGen.Tests.Runtime;

/// <summary>
/// The recurrent cells' elementwise kernels against the formula written out per element: the same bits at every
/// length (vector body, scalar tail or both) and every position, on whichever path the run has (CI reruns this on
/// Vector128 and scalar).
/// </summary>
public sealed class CellMathTests
{
    public static TheoryData<int> Lengths => new() { 1, 3, 4, 7, 8, 9, 16, 17, 33, 128 };

    [Theory, MemberData(nameof(Lengths))]
    public void ProductSum_AddProduct_Interpolate_MatchTheScalarFormula(int n)
    {
        float[] a = Random(n, 1), b = Random(n, 2), c = Random(n, 3), d = Random(n, 4), z = Random(n, 5, 0, 1);
        var result = new float[n];

        CellMath.ProductSum(result, a, b, c, d);
        for (int j = 0; j < n; j++) Assert.Equal(a[j] * b[j] + c[j] * d[j], result[j]);

        float[] sum = (float[])c.Clone();
        CellMath.AddProduct(sum, a, b);
        for (int j = 0; j < n; j++) Assert.Equal(c[j] + a[j] * b[j], sum[j]);

        CellMath.Interpolate(result, z, a, b);
        for (int j = 0; j < n; j++) Assert.Equal(z[j] * a[j] + (1f - z[j]) * b[j], result[j]);
    }

    [Theory, MemberData(nameof(Lengths))]
    public void LstmCellGradients_MatchTheScalarFormula(int n)
    {
        float[] i = Random(n, 6, 0, 1), f = Random(n, 7, 0, 1), g = Random(n, 8), cPrev = Random(n, 9);
        float[] dcIn = Random(n, 10), dgIn = Random(n, 11);
        float[] di = new float[n], df = new float[n], dg = (float[])dgIn.Clone(), dc = (float[])dcIn.Clone();

        CellMath.LstmCellGradients(di, df, dg, dc, i, f, g, cPrev);

        for (int j = 0; j < n; j++)
        {
            float total = dcIn[j] + dgIn[j];
            Assert.Equal(total * g[j], di[j]);
            Assert.Equal(total * cPrev[j], df[j]);
            Assert.Equal(total * i[j], dg[j]);
            Assert.Equal(total * f[j], dc[j]);
        }
    }

    [Fact]
    public void ShortSpans_AreRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => CellMath.ProductSum(new float[8], new float[8], new float[7], new float[8], new float[8]));
        Assert.Contains("at least 8", error.Message, StringComparison.Ordinal);
    }

    private static float[] Random(int n, int seed, float min = -2, float max = 2)
    {
        var random = new Random(seed);
        var values = new float[n];
        for (int j = 0; j < n; j++) values[j] = min + (max - min) * (float)random.NextDouble();
        return values;
    }
}
