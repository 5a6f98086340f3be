using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace NetGen.Tests.Callbacks;

/// <summary>
/// TrainingReport and TrainingReportWriter: a well-formed, self-contained HTML page with one SVG chart per quantity,
/// one path per series with one point per finite value, coordinates that map epochs left to right and larger values
/// higher up, breaks and notes at NaN/∞, epochs numbered from 1 at their own positions, culture-invariant numbers,
/// atomic writes, and a callback that rewrites the file every epoch.
/// </summary>
public sealed class TrainingReportTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>A History fed epoch by epoch, as Fit feeds it.</summary>
    private static History MakeHistory(params Dictionary<string, double>[] epochs) => MakeHistory(0, epochs);

    private static History MakeHistory(int firstEpoch, params Dictionary<string, double>[] epochs)
    {
        var history = new History();
        for (int e = 0; e < epochs.Length; e++)
        {
            history.OnEpochBegin(firstEpoch + e, epochs[e]);
            history.OnEpochEnd(firstEpoch + e, epochs[e]);
        }
        return history;
    }

    /// <summary>Decreasing loss, increasing accuracy, with validation, over <paramref name="count"/> epochs.</summary>
    private static History Typical(int count, bool validation = true) =>
        MakeHistory(Enumerable.Range(0, count).Select(e =>
        {
            var logs = CallbackTestKit.Logs(("loss", 1.0 / (e + 1)), ("accuracy", 0.5 + 0.4 * e / count));
            if (validation)
            {
                logs["val_loss"] = 1.2 / (e + 1) + 0.05;
                logs["val_accuracy"] = 0.45 + 0.4 * e / count;
            }
            return logs;
        }).ToArray());

    private static XDocument Parse(string html) => XDocument.Parse(html);

    private static List<XElement> Charts(XDocument document) => document.Descendants(Svg + "svg").ToList();

    private static XElement SeriesPath(XElement chart, string key) =>
        chart.Descendants(Svg + "path").Single(p => (string?)p.Attribute("class") == "series" && (string?)p.Attribute("data-key") == key);

    /// <summary>The (x, y) points of a series path, and how many subpaths (M commands) it has.</summary>
    private static (List<(double X, double Y)> Points, int Subpaths) PointsOf(XElement path)
    {
        var points = new List<(double, double)>();
        int subpaths = 0;
        foreach (string token in ((string)path.Attribute("d")!).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.True(token[0] is 'M' or 'L', $"unexpected path command in '{token}'");
            if (token[0] == 'M') subpaths++;
            string[] xy = token[1..].Split(',');
            points.Add((double.Parse(xy[0], CultureInfo.InvariantCulture), double.Parse(xy[1], CultureInfo.InvariantCulture)));
        }
        return (points, subpaths);
    }

    private static List<(string Text, double X)> XTicks(XElement chart) =>
        chart.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "x-axis").Elements(Svg + "text")
            .Select(t => (t.Value, double.Parse((string)t.Attribute("x")!, CultureInfo.InvariantCulture))).ToList();

    [Fact]
    public void Report_IsWellFormed_WithAChartPerQuantity_AndAPathPerSeries_WithAPointPerEpoch()
    {
        XDocument document = Parse(TrainingReport.ToHtml(Typical(5)));

        List<XElement> charts = Charts(document);
        Assert.Equal(2, charts.Count);
        Assert.Equal(["loss", "val_loss"], charts[0].Descendants(Svg + "path").Where(p => (string?)p.Attribute("class") == "series").Select(p => (string)p.Attribute("data-key")!));
        Assert.Equal(["accuracy", "val_accuracy"], charts[1].Descendants(Svg + "path").Where(p => (string?)p.Attribute("class") == "series").Select(p => (string)p.Attribute("data-key")!));
        foreach (var (chart, key) in new[] { (charts[0], "loss"), (charts[0], "val_loss"), (charts[1], "accuracy"), (charts[1], "val_accuracy") })
        {
            var (points, subpaths) = PointsOf(SeriesPath(chart, key));
            Assert.Equal(5, points.Count);
            Assert.Equal(1, subpaths);
        }
        Assert.Equal(["Training", "Validation"], charts[0].Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "legend").Elements(Svg + "text").Select(t => t.Value));
        Assert.Equal("Loss", charts[0].Elements(Svg + "text").First().Value);
        Assert.Equal("Accuracy", charts[1].Elements(Svg + "text").First().Value);
    }

    [Fact]
    public void Coordinates_MapEpochsLeftToRight_AndLargerValuesHigherUp_InsideTheChart()
    {
        History history = Typical(8);
        XElement loss = Charts(Parse(TrainingReport.ToHtml(history)))[0];
        var points = new List<(double Value, int Epoch, double X, double Y)>();
        foreach (string key in new[] { "loss", "val_loss" })
        {
            var (xy, _) = PointsOf(SeriesPath(loss, key));
            for (int i = 0; i < xy.Count; i++) points.Add((history[key][i], i, xy[i].X, xy[i].Y));
        }
        foreach (var a in points)
        {
            Assert.InRange(a.X, 0, SvgLineChart.Width);
            Assert.InRange(a.Y, 0, SvgLineChart.Height);
            foreach (var b in points)
            {
                if (a.Value > b.Value) Assert.True(a.Y < b.Y, $"{a.Value} is above {b.Value} but y {a.Y} ≥ {b.Y}");
                if (a.Epoch > b.Epoch) Assert.True(a.X > b.X);
                if (a.Epoch == b.Epoch) Assert.Equal(a.X, b.X);
            }
        }
        // The highest loss (epoch 1, validation) is the topmost point.
        Assert.Equal(points.Max(p => p.Value), points.MinBy(p => p.Y).Value);
    }

    [Fact]
    public void Epochs_AreNumberedFromOne_AndTheTicksSitUnderThePoints()
    {
        XElement loss = Charts(Parse(TrainingReport.ToHtml(Typical(5))))[0];
        List<(string Text, double X)> ticks = XTicks(loss);
        Assert.Equal(["1", "2", "3", "4", "5"], ticks.Select(t => t.Text));
        var (points, _) = PointsOf(SeriesPath(loss, "loss"));
        for (int i = 0; i < 5; i++) Assert.Equal(ticks[i].X, points[i].X, tolerance: 0.011);
    }

    [Fact]
    public void ValidationEveryOtherEpoch_SitsAtItsOwnEpochs()
    {
        History history = MakeHistory(
            CallbackTestKit.Logs(("loss", 0.9)),
            CallbackTestKit.Logs(("loss", 0.7), ("val_loss", 0.8)),
            CallbackTestKit.Logs(("loss", 0.6)),
            CallbackTestKit.Logs(("loss", 0.5), ("val_loss", 0.65)));
        Assert.Equal([1, 3], history.EpochsOf("val_loss"));
        Assert.Equal([0, 1, 2, 3], history.EpochsOf("loss"));

        XElement loss = Charts(Parse(TrainingReport.ToHtml(history)))[0];
        var (training, _) = PointsOf(SeriesPath(loss, "loss"));
        var (validation, _) = PointsOf(SeriesPath(loss, "val_loss"));
        Assert.Equal([training[1].X, training[3].X], validation.Select(p => p.X));
    }

    [Fact]
    public void ResumedRun_StartsAtItsInitialEpoch()
    {
        History history = MakeHistory(firstEpoch: 10, CallbackTestKit.Logs(("loss", 0.5)), CallbackTestKit.Logs(("loss", 0.4)));
        Assert.Equal(["11", "12"], XTicks(Charts(Parse(TrainingReport.ToHtml(history)))[0]).Select(t => t.Text));
    }

    [Fact]
    public void MissingValidation_DrawsOnlyTrainingSeries()
    {
        XDocument document = Parse(TrainingReport.ToHtml(Typical(4, validation: false)));
        List<XElement> charts = Charts(document);
        Assert.Equal(2, charts.Count);
        foreach (XElement chart in charts)
        {
            Assert.Single(chart.Descendants(Svg + "path"), p => (string?)p.Attribute("class") == "series");
            Assert.DoesNotContain(chart.Descendants(Svg + "text"), t => t.Value == "Validation");
        }
    }

    [Fact]
    public void NonFiniteValues_AreSkipped_TheLineBreaks_AndANoteSaysSo()
    {
        History history = MakeHistory(Enumerable.Range(0, 6).Select(e => CallbackTestKit.Logs(
            ("loss", 1.0 - 0.1 * e),
            ("val_loss", e == 2 ? double.NaN : e == 3 ? double.PositiveInfinity : 1.1 - 0.1 * e))).ToArray());
        XDocument document = Parse(TrainingReport.ToHtml(history));
        XElement loss = Charts(document)[0];

        var (points, subpaths) = PointsOf(SeriesPath(loss, "val_loss"));
        Assert.Equal(4, points.Count);
        Assert.Equal(2, subpaths);
        Assert.All(points, p => Assert.InRange(p.Y, 0, SvgLineChart.Height)); // ∞ does not stretch the scale
        Assert.Equal(6, PointsOf(SeriesPath(loss, "loss")).Points.Count);

        string note = Assert.Single(document.Descendants("p"), p => (string?)p.Attribute("class") == "note").Value;
        Assert.Equal("val_loss: 2 non-finite values not plotted, at epochs 3 (NaN), 4 (∞).", note);
    }

    [Fact]
    public void OnlyNonFiniteValues_StillGiveAChart_SayingSo()
    {
        XDocument document = Parse(TrainingReport.ToHtml(MakeHistory(CallbackTestKit.Logs(("loss", double.NaN)))));
        XElement chart = Assert.Single(Charts(document));
        Assert.Empty(PointsOf(SeriesPath(chart, "loss")).Points);
        Assert.Contains(chart.Descendants(Svg + "text"), t => t.Value == "no finite values");
    }

    [Fact]
    public void SingleEpoch_IsOnePointPerSeries_CentredOverTick1()
    {
        XElement loss = Charts(Parse(TrainingReport.ToHtml(Typical(1))))[0];
        var tick = Assert.Single(XTicks(loss));
        Assert.Equal("1", tick.Text);
        foreach (string key in new[] { "loss", "val_loss" })
        {
            var (points, _) = PointsOf(SeriesPath(loss, key));
            Assert.Equal(tick.X, Assert.Single(points).X, tolerance: 0.011);
        }
        Assert.Equal(2, loss.Descendants(Svg + "circle").Count());
    }

    [Fact]
    public void ManyEpochs_KeepEveryPoint_ButFewTicks_AndNoMarkers()
    {
        XElement loss = Charts(Parse(TrainingReport.ToHtml(Typical(500))))[0];
        Assert.Equal(500, PointsOf(SeriesPath(loss, "loss")).Points.Count);
        Assert.InRange(XTicks(loss).Count, 5, 11);
        Assert.Empty(loss.Descendants(Svg + "circle"));
    }

    [Fact]
    public void Numbers_DoNotDependOnTheCulture()
    {
        History history = Typical(7);
        string invariant = TrainingReport.ToHtml(history);
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.Equal(invariant, TrainingReport.ToHtml(history));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
        Assert.Contains("0.5", invariant);
    }

    [Fact]
    public void Page_IsSelfContained_AndEscapesTheTitle()
    {
        string html = TrainingReport.ToHtml(Typical(3), title: "a < b & \"c\"");
        XDocument document = Parse(html);
        Assert.Equal("a < b & \"c\"", document.Descendants("title").First().Value);
        Assert.Equal("a < b & \"c\"", document.Descendants("h1").Single().Value);
        Assert.Empty(document.Descendants("script"));
        Assert.Empty(document.Descendants("link"));
        Assert.DoesNotContain(document.Descendants(), e => e.Attribute("src") is not null || e.Attribute("href") is not null);
        Assert.DoesNotContain("https:", html);
        Assert.Equal(Charts(document).Count, html.Split("http://").Length - 1); // only the SVG namespace
    }

    [Fact]
    public void EmptyHistory_SaysNoEpochs()
    {
        XDocument document = Parse(TrainingReport.ToHtml(new History()));
        Assert.Empty(Charts(document));
        Assert.Contains("No epochs recorded yet.", document.Root!.Value);
    }

    [Fact]
    public void ValueAxis_HasNiceBounds_AndEnoughDecimals()
    {
        // [min, max] widened by 3 % of the span, step = the nice number ≥ span / 6, bounds on whole steps.
        Assert.Equal((0.2, 0.9, 0.1, 1), Round(SvgLineChart.ValueAxis(0.31, 0.86)));
        Assert.Equal((0.75, 0.95, 0.05, 2), Round(SvgLineChart.ValueAxis(0.781, 0.899)));
        Assert.Equal((0.3, 0.4, 0.02, 2), Round(SvgLineChart.ValueAxis(0.31, 0.39)));
        Assert.Equal((0.9, 1.1, 0.05, 2), Round(SvgLineChart.ValueAxis(1, 1)));      // a constant gets ±10 %
        Assert.Equal((0.0, 1.0, 0.5, 1), Round(SvgLineChart.ValueAxis(0, 0)));       // values ≥ 0: no negative ticks
        Assert.Equal(2, SvgLineChart.NiceStep(1.9));
        Assert.Equal(5, SvgLineChart.NiceStep(2.1));
        Assert.Equal(0.001, SvgLineChart.NiceStep(0.001), tolerance: 1e-15);

        static (double, double, double, int) Round((double Low, double High, double Step, int Decimals) axis) =>
            (Math.Round(axis.Low, 9), Math.Round(axis.High, 9), Math.Round(axis.Step, 9), axis.Decimals);
    }

    [Fact]
    public void ValueAxis_StaysAtOrAboveZeroForNonNegativeValues_AndAtOrBelowOneForFractions()
    {
        // A loss from 2.3 down to 0.01 would get a tick at −0.5; an accuracy up to 0.9775 a tick at 1.2.
        Assert.Equal((0.0, 2.5, 0.5, 1), Round(SvgLineChart.ValueAxis(0.01, 2.3)));
        Assert.Equal((0.0, 1.2, 0.2, 1), Round(SvgLineChart.ValueAxis(0.1, 0.9775)));
        Assert.Equal((0.0, 1.0, 0.2, 1), Round(SvgLineChart.ValueAxis(0.1, 0.9775, fraction: true)));
        Assert.Equal((-0.5, 2.5, 0.5, 1), Round(SvgLineChart.ValueAxis(-0.1, 2.3)));  // negative values keep their room

        // In a report: the highest accuracy tick is 1, the lowest loss tick 0.
        History history = MakeHistory(Enumerable.Range(0, 40).Select(e => CallbackTestKit.Logs(("loss", 2.3 / (1 + e)), ("accuracy", 1 - 0.9 / (1 + e)))).ToArray());
        List<XElement> charts = Charts(Parse(TrainingReport.ToHtml(history)));
        Assert.Equal("0.0", YTicks(charts[0])[0]);
        Assert.Equal("1.0", YTicks(charts[1])[^1]);

        static (double, double, double, int) Round((double Low, double High, double Step, int Decimals) axis) =>
            (Math.Round(axis.Low, 9), Math.Round(axis.High, 9), Math.Round(axis.Step, 9), axis.Decimals);
    }

    [Fact]
    public void LearningRate_DroppingTenfold_IsChartedOnALogAxis_LabelledAsSuch()
    {
        History history = MakeHistory(
            CallbackTestKit.Logs(("loss", 1.0), ("lr", 1e-3)), CallbackTestKit.Logs(("loss", 0.8), ("lr", 1e-4)),
            CallbackTestKit.Logs(("loss", 0.7), ("lr", 1e-5)));
        XElement lr = Charts(Parse(TrainingReport.ToHtml(history)))[1];

        Assert.Equal(["1e-5", "1e-4", "1e-3"], YTicks(lr));
        var (points, _) = PointsOf(SeriesPath(lr, "lr"));
        // Equal ratios are equal distances: 1e-4 lies halfway between 1e-3 and 1e-5, well above the bottom.
        Assert.Equal((points[0].Y + points[2].Y) / 2, points[1].Y, 1);
        Assert.Contains(lr.Elements(Svg + "text"), t => t.Value == "Learning rate (log scale)");
        Assert.Equal(["Learning rate"], lr.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "legend").Elements(Svg + "text").Select(t => t.Value));

        // A rate that never changes by 10× stays on a linear axis.
        History flat = MakeHistory(CallbackTestKit.Logs(("loss", 1.0), ("lr", 1e-3)), CallbackTestKit.Logs(("loss", 0.8), ("lr", 5e-4)));
        Assert.DoesNotContain(Charts(Parse(TrainingReport.ToHtml(flat)))[1].Elements(Svg + "text"), t => t.Value.Contains("log scale"));
    }

    [Fact]
    public void SummaryAndTable_FormatValuesAsKerasProgressBarDoes()
    {
        string html = TrainingReport.ToHtml(MakeHistory(CallbackTestKit.Logs(("loss", 0.076703), ("val_accuracy", 0.975), ("lr", 1e-6))));

        Assert.Contains("loss <b>0.0767</b>", html);
        Assert.Contains("val_accuracy <b>0.9750</b>", html);
        Assert.Contains("lr <b>1.0000e-06</b>", html);
        Assert.Contains("<td>0.0767</td><td>0.9750</td><td>1.0000e-06</td>", html);
    }

    private static List<string> YTicks(XElement chart) =>
        chart.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "y-axis").Elements(Svg + "text").Select(t => t.Value).ToList();

    [Fact]
    public void Write_ReplacesTheFile_AndIntoAMissingFolder_ThrowsNamingIt()
    {
        using var folder = CallbackTestKit.NewTempFolder();
        string file = folder.File("report.html");
        File.WriteAllText(file, "old");
        TrainingReport.Write(Typical(3), file, "Run 1");
        Assert.Equal(TrainingReport.ToHtml(Typical(3), "Run 1"), File.ReadAllText(file));
        Assert.Single(Directory.GetFiles(folder.Path)); // no temporary file left

        string missing = Path.Combine(folder.Path, "no-such-folder", "report.html");
        var error = Assert.Throws<DirectoryNotFoundException>(() => TrainingReport.Write(Typical(3), missing));
        Assert.Contains("no-such-folder", error.Message);
        Assert.False(File.Exists(missing));
    }

    [Fact]
    public void Writer_RewritesTheReportEveryEpoch_RefreshingDuringTraining_NotAfter()
    {
        using var folder = CallbackTestKit.NewTempFolder();
        string file = folder.File("live.html");
        var writer = CallbackTestKit.Attach(new TrainingReportWriter(file, "Live", refreshSeconds: 7), new CbClassifier(seed: 1));

        writer.OnTrainBegin(new Dictionary<string, double>());
        string started = File.ReadAllText(file);
        Assert.Contains("No epochs recorded yet.", started);
        Assert.Contains("<meta http-equiv=\"refresh\" content=\"7\"/>", started);

        for (int epoch = 0; epoch < 3; epoch++)
        {
            var logs = CallbackTestKit.Logs(("loss", 1.0 / (epoch + 1)), ("val_loss", 1.5 / (epoch + 1)));
            writer.OnEpochBegin(epoch, logs);
            writer.OnEpochEnd(epoch, logs);
            XDocument live = Parse(File.ReadAllText(file));
            Assert.Equal(epoch + 1, PointsOf(SeriesPath(Charts(live)[0], "val_loss")).Points.Count);
            Assert.Contains(live.Descendants("meta"), m => (string?)m.Attribute("http-equiv") == "refresh");
        }

        writer.OnTrainEnd(new Dictionary<string, double>());
        XDocument final = Parse(File.ReadAllText(file));
        Assert.DoesNotContain(final.Descendants("meta"), m => (string?)m.Attribute("http-equiv") == "refresh");
        Assert.Equal(3, PointsOf(SeriesPath(Charts(final)[0], "loss")).Points.Count);

        // A new training run starts a new report.
        writer.OnTrainBegin(new Dictionary<string, double>());
        Assert.Contains("No epochs recorded yet.", File.ReadAllText(file));
    }

    [Fact]
    public void Writer_IntoAMissingFolder_FailsWhenTrainingStarts()
    {
        using var folder = CallbackTestKit.NewTempFolder();
        var writer = new TrainingReportWriter(Path.Combine(folder.Path, "missing", "r.html"));
        Assert.Throws<DirectoryNotFoundException>(() => writer.OnTrainBegin(new Dictionary<string, double>()));
        Assert.Throws<ArgumentException>(() => new TrainingReportWriter(""));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingReportWriter("r.html", refreshSeconds: -1));
    }

    [Fact]
    public void Writer_InFit_ChartsEveryEpoch()
    {
        using var folder = CallbackTestKit.NewTempFolder();
        string file = folder.File("fit.html");
        var model = new CbClassifier(seed: 1);
        History history = model.Fit(CallbackTestKit.Classification(24, seed: 1), epochs: 4, batchSize: 8,
            validationData: CallbackTestKit.Classification(12, seed: 2), callbacks: [new TrainingReportWriter(file)], verbose: 0);

        XDocument document = Parse(File.ReadAllText(file));
        Assert.Equal(TrainingReport.ToHtml(history), File.ReadAllText(file));
        List<XElement> charts = Charts(document);
        Assert.Equal(2, charts.Count);
        Assert.Equal(4, PointsOf(SeriesPath(charts[1], "val_accuracy")).Points.Count);
    }
}
