using System;
using System.Collections.Generic;

namespace NetGen.Tests.Callbacks;

/// <summary>
/// Keras's <c>filepath.format(epoch=epoch + 1, **logs)</c>. Every expected path was produced by CPython's
/// <c>str.format</c> with the same values.
/// </summary>
public sealed class PathTemplateTests
{
    private static readonly Dictionary<string, double> s_logs = CallbackTestKit.Logs(
        ("loss", 0.123456), ("accuracy", 0.5), ("val_loss", 0.4512), ("val_accuracy", 1e-05), ("neg", -1.5), ("small", 0.000123456));

    [Theory]
    [InlineData("weights.{epoch:02d}-{val_loss:.2f}.st", 3, "weights.03-0.45.st")]
    [InlineData("{epoch}", 3, "3")]
    [InlineData("{epoch:02d}", 123, "123")]
    [InlineData("{epoch:03d}", 7, "007")]
    [InlineData("{epoch:5d}", 7, "    7")]
    [InlineData("{epoch:d}", 7, "7")]
    [InlineData("{epoch:.1f}", 7, "7.0")]
    [InlineData("{loss:.4f}", 1, "0.1235")]
    [InlineData("{loss}", 1, "0.123456")]
    [InlineData("{accuracy}", 1, "0.5")]
    [InlineData("{val_accuracy}", 1, "1e-05")]
    [InlineData("{small:.2e}", 1, "1.23e-04")]
    [InlineData("{small:.3g}", 1, "0.000123")]
    [InlineData("{small:.3E}", 1, "1.235E-04")]
    [InlineData("{neg:08.3f}", 1, "-001.500")]
    [InlineData("{accuracy:8}", 1, "     0.5")]
    [InlineData("{accuracy:08}", 1, "000000.5")]
    [InlineData("{loss:f}", 1, "0.123456")]
    [InlineData("{{epoch}}-{epoch}", 4, "{epoch}-4")]
    [InlineData("ckpt/{{}}/model.st", 4, "ckpt/{}/model.st")]
    [InlineData("no-fields.safetensors", 9, "no-fields.safetensors")]
    public void Format_MatchesPythonsStrFormat(string template, int epoch, string expected) =>
        Assert.Equal(expected, new PathTemplate(template).Format(epoch, s_logs));

    [Fact]
    public void MissingKey_IsAKeyNotFoundException_NamingTheKeyAndTheAvailableKeys()
    {
        var template = new PathTemplate("w-{epoch:02d}-{val_loss:.2f}.st");

        var error = Assert.Throws<KeyNotFoundException>(() => template.Format(1, CallbackTestKit.Logs(("loss", 0.5), ("accuracy", 0.25))));

        Assert.Contains("'val_loss'", error.Message);
        Assert.Contains("Available keys: epoch, loss, accuracy.", error.Message);
        Assert.Contains("w-{epoch:02d}-{val_loss:.2f}.st", error.Message);
    }

    [Fact]
    public void IntegerFormat_OnALogValue_IsRejected_AsPythonRejectsIt()
    {
        var error = Assert.Throws<FormatException>(() => new PathTemplate("{loss:02d}").Format(1, s_logs));
        Assert.Contains("'d'", error.Message);
    }

    [Theory]
    [InlineData("w-{epoch", "never closed")]
    [InlineData("w-}", "single '}'")]
    [InlineData("w-{}.st", "without a name")]
    [InlineData("{loss!r}", "conversions")]
    [InlineData("{model.name}", "attribute or index")]
    [InlineData("{loss[0]}", "attribute or index")]
    [InlineData("{loss:>8}", "not supported")]
    [InlineData("{loss:+.2f}", "not supported")]
    [InlineData("{loss:,}", "not supported")]
    [InlineData("{loss:.2%}", "not supported")]
    [InlineData("{loss:.}", "not supported")]
    [InlineData("{loss:.2}", "no type")]
    [InlineData("{epoch:.2d}", "precision is not allowed")]
    [InlineData("{loss:{width}}", "nested")]
    public void UnsupportedOrMalformedTemplates_FailWhenParsed_WithAMessageThatSaysWhy(string template, string reason)
    {
        var error = Assert.Throws<FormatException>(() => new PathTemplate(template));
        Assert.Contains(reason, error.Message);
        Assert.Contains(template, error.Message);
    }
}
