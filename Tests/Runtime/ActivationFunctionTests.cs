using System;
using NetGen.Kernels;

namespace NetGen.Tests.Runtime;

/// <summary>
/// The activation kernels point by point against values and derivatives computed independently in double precision
/// (Python's math.erf/erfc/expm1/log1p, and Richardson-extrapolated central differences of those formulas), over
/// both signs, the tails and the neighbourhood of 0; and the SIMD paths against the scalar tail.
/// </summary>
public sealed class ActivationFunctionTests
{
    /// <summary>erf and erfc against Python's math.erf / math.erfc (correctly rounded double): ~1e-7 relative.</summary>
    [Theory]
        [InlineData(-12.0, -1.0, 2.0)]
        [InlineData(-6.0, -1.0, 2.0)]
        [InlineData(-4.0, -0.9999999845827421, 1.999999984582742)]
        [InlineData(-3.0, -0.9999779095030014, 1.9999779095030015)]
        [InlineData(-2.0, -0.9953222650189527, 1.9953222650189528)]
        [InlineData(-1.3, -0.9340079449406524, 1.9340079449406524)]
        [InlineData(-0.75, -0.7111556336535151, 1.7111556336535152)]
        [InlineData(-0.5, -0.5204998778130465, 1.5204998778130465)]
        [InlineData(-0.2, -0.22270258921047847, 1.2227025892104786)]
        [InlineData(-0.001, -0.0011283787909692365, 1.0011283787909693)]
        [InlineData(-1e-07, -1.1283791670955088e-07, 1.0000001128379168)]
        [InlineData(0.0, 0.0, 1.0)]
        [InlineData(1e-08, 1.1283791670955126e-08, 0.9999999887162083)]
        [InlineData(0.0001, 0.00011283791633342487, 0.9998871620836666)]
        [InlineData(0.01, 0.011283415555849616, 0.9887165844441503)]
        [InlineData(0.1, 0.1124629160182849, 0.8875370839817152)]
        [InlineData(0.3, 0.3286267594591274, 0.6713732405408726)]
        [InlineData(0.4999, 0.5204119951613866, 0.4795880048386134)]
        [InlineData(0.5, 0.5204998778130465, 0.4795001221869535)]
        [InlineData(0.7, 0.6778011938374184, 0.32219880616258156)]
        [InlineData(1.0, 0.8427007929497149, 0.15729920705028513)]
        [InlineData(1.5, 0.9661051464753108, 0.033894853524689274)]
        [InlineData(2.5, 0.999593047982555, 0.0004069520174449589)]
        [InlineData(3.5, 0.9999992569016276, 7.430983723414128e-07)]
        [InlineData(5.0, 0.9999999999984626, 1.5374597944280351e-12)]
        [InlineData(9.0, 1.0, 4.13703174651381e-37)]
    public void ErrorFunction_MatchesHighPrecisionValues(double x, double erf, double erfc)
    {
        AssertRelative(erf, ErrorFunction.Erf(x), 1.5e-7, $"erf({x})");
        AssertRelative(erfc, ErrorFunction.Erfc(x), 1.5e-7, $"erfc({x})");
        // The float API adds the rounding of x and of the result (half an ulp each).
        float xf = (float)x;
        AssertRelative(erf, ErrorFunction.Erf(xf), 3e-7, $"(float) erf({x})", absolute: 1e-12);
        AssertRelative(erfc, ErrorFunction.Erfc(xf), 3e-7, $"(float) erfc({x})", absolute: 1e-12);
    }

    [Theory]
        [InlineData("Selu", -30.0f, -1.758099340847212)]
        [InlineData("Selu", -9.5f, -1.75796774389459)]
        [InlineData("Selu", -3.25f, -1.6899304316165469)]
        [InlineData("Selu", -1.0f, -1.1113307378125625)]
        [InlineData("Selu", -0.0001f, -0.00017580113944015425)]
        [InlineData("Selu", 0.0f, 0.0)]
        [InlineData("Selu", 2e-06f, 2.101401969405431e-06)]
        [InlineData("Selu", 0.375f, 0.39401287025830517)]
        [InlineData("Selu", 1.0f, 1.0507009873554805)]
        [InlineData("Selu", 2.75f, 2.8894277152275714)]
        [InlineData("Selu", 12.0f, 12.608411848265765)]
        [InlineData("Elu", -30.0f, -0.9999999999999064)]
        [InlineData("Elu", -9.5f, -0.9999251481701124)]
        [InlineData("Elu", -3.25f, -0.961225792168278)]
        [InlineData("Elu", -1.0f, -0.6321205588285577)]
        [InlineData("Elu", -0.0001f, -9.999499764070263e-05)]
        [InlineData("Elu", 0.0f, 0.0)]
        [InlineData("Elu", 2e-06f, 1.9999999949504854e-06)]
        [InlineData("Elu", 0.375f, 0.375)]
        [InlineData("Elu", 1.0f, 1.0)]
        [InlineData("Elu", 2.75f, 2.75)]
        [InlineData("Elu", 12.0f, 12.0)]
        [InlineData("LeakyRelu", -30.0f, -6.0)]
        [InlineData("LeakyRelu", -9.5f, -1.9000000000000001)]
        [InlineData("LeakyRelu", -3.25f, -0.65)]
        [InlineData("LeakyRelu", -1.0f, -0.2)]
        [InlineData("LeakyRelu", -0.0001f, -1.9999999494757503e-05)]
        [InlineData("LeakyRelu", 0.0f, 0.0)]
        [InlineData("LeakyRelu", 2e-06f, 1.9999999949504854e-06)]
        [InlineData("LeakyRelu", 0.375f, 0.375)]
        [InlineData("LeakyRelu", 1.0f, 1.0)]
        [InlineData("LeakyRelu", 2.75f, 2.75)]
        [InlineData("LeakyRelu", 12.0f, 12.0)]
        [InlineData("Gelu", -30.0f, -1.4720141781446293e-196)]
        [InlineData("Gelu", -9.5f, -9.969789321594591e-21)]
        [InlineData("Gelu", -3.25f, -0.001875331387769994)]
        [InlineData("Gelu", -1.0f, -0.15865525393145707)]
        [InlineData("Gelu", -0.0001f, -4.999600931429796e-05)]
        [InlineData("Gelu", 0.0f, 0.0)]
        [InlineData("Gelu", 2e-06f, 1.0000015932443562e-06)]
        [InlineData("Gelu", 0.375f, 0.2423136625022714)]
        [InlineData("Gelu", 1.0f, 0.8413447460685429)]
        [InlineData("Gelu", 2.75f, 2.7418056511035998)]
        [InlineData("Gelu", 12.0f, 12.0)]
        [InlineData("GeluApproximate", -30.0f, -0.0)]
        [InlineData("GeluApproximate", -9.5f, -0.0)]
        [InlineData("GeluApproximate", -3.25f, -0.0015686271447474948)]
        [InlineData("GeluApproximate", -1.0f, -0.15880800939172324)]
        [InlineData("GeluApproximate", -0.0001f, -4.999600931429799e-05)]
        [InlineData("GeluApproximate", 0.0f, 0.0)]
        [InlineData("GeluApproximate", 2e-06f, 1.0000015932443562e-06)]
        [InlineData("GeluApproximate", 0.375f, 0.24230776689151162)]
        [InlineData("GeluApproximate", 1.0f, 0.8411919906082768)]
        [InlineData("GeluApproximate", 2.75f, 2.742276855926382)]
        [InlineData("GeluApproximate", 12.0f, 12.0)]
        [InlineData("Swish", -30.0f, -2.80728689065179e-12)]
        [InlineData("Swish", -9.5f, -0.0007110391613508069)]
        [InlineData("Swish", -3.25f, -0.12131238386842076)]
        [InlineData("Swish", -1.0f, -0.2689414213699951)]
        [InlineData("Swish", -0.0001f, -4.9997498737022156e-05)]
        [InlineData("Swish", 0.0f, 0.0)]
        [InlineData("Swish", 2e-06f, 1.0000009974752377e-06)]
        [InlineData("Swish", 0.375f, 0.22224997498277613)]
        [InlineData("Swish", 1.0f, 0.7310585786300049)]
        [InlineData("Swish", 2.75f, 2.584761712021479)]
        [InlineData("Swish", 12.0f, 11.999926269904773)]
        [InlineData("Softplus", -30.0f, 9.357622968839737e-14)]
        [InlineData("Softplus", -9.5f, 7.484902862926717e-05)]
        [InlineData("Softplus", -3.25f, 0.038041371687783126)]
        [InlineData("Softplus", -1.0f, 0.31326168751822286)]
        [InlineData("Softplus", -0.0001f, 0.6930971818112084)]
        [InlineData("Softplus", 0.0f, 0.6931471805599453)]
        [InlineData("Softplus", 2e-06f, 0.6931481805604428)]
        [InlineData("Softplus", 0.375f, 0.89812326413984)]
        [InlineData("Softplus", 1.0f, 1.3132616875182228)]
        [InlineData("Softplus", 2.75f, 2.8119675890031988)]
        [InlineData("Softplus", 12.0f, 12.000006144193478)]
    public void Forward_MatchesDoublePrecisionValues(string activation, float x, double expected)
    {
        float[] values = [x];
        Forward(activation, values);
        AssertRelative(expected, values[0], 3e-7, $"{activation}({x})", absolute: 1e-30);
    }

    /// <summary>The backward kernels with dy = 1 against numerical derivatives of the double-precision functions.</summary>
    [Theory]
        [InlineData("Selu", -30.0f, 0.0)]
        [InlineData("Selu", -9.5f, 0.0001315969204951946)]
        [InlineData("Selu", -3.25f, 0.0681689093094079)]
        [InlineData("Selu", -1.0f, 0.6467686028225709)]
        [InlineData("Selu", -0.0001f, 1.7579235397079558)]
        [InlineData("Selu", 0.375f, 1.0507009874742106)]
        [InlineData("Selu", 1.0f, 1.0507009873261808)]
        [InlineData("Selu", 2.75f, 1.0507009873867383)]
        [InlineData("Selu", 12.0f, 1.0507009875975688)]
        [InlineData("Elu", -30.0f, 0.0)]
        [InlineData("Elu", -9.5f, 7.485181675261636e-05)]
        [InlineData("Elu", -3.25f, 0.0387742078501765)]
        [InlineData("Elu", -1.0f, 0.3678794411136425)]
        [InlineData("Elu", -0.0001f, 0.9999000050023635)]
        [InlineData("Elu", 0.375f, 1.0000000000472593)]
        [InlineData("Elu", 1.0f, 1.0000000000472593)]
        [InlineData("Elu", 2.75f, 1.0000000000590346)]
        [InlineData("Elu", 12.0f, 1.0000000001891214)]
        [InlineData("LeakyRelu", -30.0f, 0.200000000003284)]
        [InlineData("LeakyRelu", -9.5f, 0.200000000023281)]
        [InlineData("LeakyRelu", -3.25f, 0.19999999998013063)]
        [InlineData("LeakyRelu", -1.0f, 0.20000000001037707)]
        [InlineData("LeakyRelu", -0.0001f, 0.20000000000000204)]
        [InlineData("LeakyRelu", 0.375f, 1.0000000000472593)]
        [InlineData("LeakyRelu", 1.0f, 1.0000000000472593)]
        [InlineData("LeakyRelu", 2.75f, 1.0000000000590346)]
        [InlineData("LeakyRelu", 12.0f, 1.0000000001891214)]
        [InlineData("Gelu", -30.0f, -4.416031690837161e-195)]
        [InlineData("Gelu", -9.5f, -9.469093475120984e-20)]
        [InlineData("Gelu", -3.25f, -0.006017381144333586)]
        [InlineData("Gelu", -1.0f, -0.08331547057816024)]
        [InlineData("Gelu", -0.0001f, 0.4999202115462096)]
        [InlineData("Gelu", 0.375f, 0.7856154269209048)]
        [InlineData("Gelu", 1.0f, 1.0833154706994346)]
        [InlineData("Gelu", 2.75f, 1.0220275338223779)]
        [InlineData("Gelu", 12.0f, 1.0000000001891214)]
        [InlineData("GeluApproximate", -30.0f, 0.0)]
        [InlineData("GeluApproximate", -9.5f, 0.0)]
        [InlineData("GeluApproximate", -3.25f, -0.005564345681501422)]
        [InlineData("GeluApproximate", -1.0f, -0.08296408392690265)]
        [InlineData("GeluApproximate", -0.0001f, 0.49992021154620847)]
        [InlineData("GeluApproximate", 0.375f, 0.7855556920603283)]
        [InlineData("GeluApproximate", 1.0f, 1.0829640840204213)]
        [InlineData("GeluApproximate", 2.75f, 1.0219489215810824)]
        [InlineData("GeluApproximate", 12.0f, 1.0000000001891214)]
        [InlineData("Swish", -30.0f, -2.713710661292829e-12)]
        [InlineData("Swish", -9.5f, -0.0006361397152753594)]
        [InlineData("Swish", -3.25f, -0.07945728282953118)]
        [InlineData("Swish", -1.0f, 0.0723294881210812)]
        [InlineData("Swish", -0.0001f, 0.49995000000135376)]
        [InlineData("Swish", 0.375f, 0.6831964380060729)]
        [InlineData("Swish", 1.0f, 0.9276705118706671)]
        [InlineData("Swish", 2.75f, 1.0952230225497015)]
        [InlineData("Swish", 12.0f, 1.0000675856818793)]
        [InlineData("Softplus", -30.0f, 9.357622969965844e-14)]
        [InlineData("Softplus", -9.5f, 7.484622751898963e-05)]
        [InlineData("Softplus", -3.25f, 0.03732688733923051)]
        [InlineData("Softplus", -1.0f, 0.26894142142001404)]
        [InlineData("Softplus", -0.0001f, 0.4999749999382945)]
        [InlineData("Softplus", 0.375f, 0.5926666003519543)]
        [InlineData("Softplus", 1.0f, 0.7310585785624824)]
        [InlineData("Softplus", 2.75f, 0.9399133499254583)]
        [InlineData("Softplus", 12.0f, 0.9999938560915448)]
    public void Backward_MatchesNumericalDerivatives(string activation, float x, double expected)
    {
        float[] input = [x], output = [x], gradient = [1f];
        Forward(activation, output);
        Backward(activation, gradient, input, output);
        AssertRelative(expected, gradient[0], 1e-5, $"{activation}'({x})", absolute: 1e-6);
    }

    /// <summary>
    /// 35 values (four Vector256 blocks, or eight Vector128 blocks, plus a scalar tail): each element computed in
    /// the bulk call must equal the same value computed alone (which takes the scalar path), bit for bit.
    /// </summary>
    [Theory]
    [InlineData("Selu")]
    [InlineData("Elu")]
    [InlineData("LeakyRelu")]
    [InlineData("Gelu")]
    [InlineData("GeluApproximate")]
    [InlineData("Swish")]
    [InlineData("Softplus")]
    public void VectorPaths_EqualTheScalarPath(string activation)
    {
        var random = new SeededRandom(99);
        float[] input = TestData.Uniform(random, 35, -4f, 4f);
        input[3] = 0f;
        float[] dy = TestData.Uniform(random, 35);
        float[] output = (float[])input.Clone(), gradient = (float[])dy.Clone();
        Forward(activation, output);
        Backward(activation, gradient, input, output);
        for (int i = 0; i < input.Length; i++)
        {
            float[] one = [input[i]], g = [dy[i]];
            Forward(activation, one);
            Backward(activation, g, [input[i]], one);
            Assert.Equal(BitConverter.SingleToInt32Bits(one[0]), BitConverter.SingleToInt32Bits(output[i]));
            Assert.Equal(BitConverter.SingleToInt32Bits(g[0]), BitConverter.SingleToInt32Bits(gradient[i]));
        }
    }

    /// <summary>The LeakyReLU layer's slope is a parameter: 0.3 by default, any α ≥ 0 (above 1 too, where max(x, αx) would be wrong).</summary>
    [Theory]
    [InlineData(0.3f)]
    [InlineData(0f)]
    [InlineData(1.5f)]
    public void LeakyRelu_UsesTheGivenSlope(float alpha)
    {
        float[] x = [-2f, -0.5f, 0f, 0.5f, 3f, -1f, -4f, 2f, -8f, 1f];
        float[] y = new float[x.Length], g = new float[x.Length];
        Activations.LeakyRelu(x, y, alpha);
        Array.Fill(g, 1f);
        Activations.LeakyReluBackward(g, y, alpha);
        for (int i = 0; i < x.Length; i++)
        {
            Assert.Equal(x[i] > 0 ? x[i] : alpha * x[i], y[i]);
            Assert.Equal(x[i] > 0 ? 1f : alpha, g[i]);
        }
    }

    private static void Forward(string activation, Span<float> values)
    {
        switch (activation)
        {
            case "Selu": Activations.Selu(values); break;
            case "Elu": Activations.Elu(values); break;
            case "LeakyRelu": Activations.LeakyRelu(values, values, Activations.LeakyReluActivationSlope); break;
            case "Gelu": Activations.Gelu(values); break;
            case "GeluApproximate": Activations.GeluApproximate(values); break;
            case "Swish": Activations.Swish(values); break;
            case "Softplus": Activations.Softplus(values); break;
            default: throw new ArgumentOutOfRangeException(nameof(activation), activation, null);
        }
    }

    private static void Backward(string activation, Span<float> gradient, ReadOnlySpan<float> input, ReadOnlySpan<float> output)
    {
        switch (activation)
        {
            case "Selu": Activations.SeluBackward(gradient, output); break;
            case "Elu": Activations.EluBackward(gradient, output); break;
            case "LeakyRelu": Activations.LeakyReluBackward(gradient, output, Activations.LeakyReluActivationSlope); break;
            case "Gelu": Activations.GeluBackward(gradient, input); break;
            case "GeluApproximate": Activations.GeluApproximateBackward(gradient, input); break;
            case "Swish": Activations.SwishBackward(gradient, input); break;
            case "Softplus": Activations.SoftplusBackward(gradient, output); break;
            default: throw new ArgumentOutOfRangeException(nameof(activation), activation, null);
        }
    }

    private static void AssertRelative(double expected, double actual, double relative, string what, double absolute = 0)
    {
        double allowed = absolute + relative * Math.Abs(expected);
        Assert.True(Math.Abs(actual - expected) <= allowed,
            $"{what}: expected {expected:R}, found {actual:R} (|difference| {Math.Abs(actual - expected):E3} > {allowed:E3})");
    }
}
