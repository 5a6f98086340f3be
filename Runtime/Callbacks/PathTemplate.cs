using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace NetGen;

/// <summary>
/// A file path with Python <c>str.format</c> fields, filled the way Keras's <c>ModelCheckpoint</c> fills its
/// <c>filepath</c>: <c>filepath.format(epoch=epoch + 1, **logs)</c>. <c>weights.{epoch:02d}-{val_loss:.2f}.st</c>
/// becomes <c>weights.03-0.45.st</c>.
/// </summary>
/// <remarks>
/// <para>Supported: <c>{{</c> and <c>}}</c> for literal braces; fields <c>{name}</c> and <c>{name:spec}</c> where spec
/// is <c>[0][width][.precision][type]</c> and type is <c>d</c> (integers only, as in Python), <c>f</c>/<c>F</c>,
/// <c>e</c>/<c>E</c>, <c>g</c>/<c>G</c>, or none (Python's <c>str</c>: <c>0.5</c>, <c>1e-05</c>). A leading <c>0</c>
/// pads with zeros after the sign (<c>{epoch:03d}</c> → <c>007</c>); a width alone pads with spaces on the left.</para>
/// <para>Anything else Python accepts (conversions <c>!r</c>, attribute or index access, alignment, signs, grouping,
/// nested fields, a precision without a type) is rejected when the template is parsed, with a message that names it.</para>
/// </remarks>
internal sealed class PathTemplate
{
    /// <summary>The name of the field that holds the 1-based epoch number.</summary>
    public const string EpochField = "epoch";

    private readonly List<Part> _parts = new();

    /// <summary>Parses <paramref name="template"/>.</summary>
    /// <exception cref="FormatException">The template is malformed or uses a format feature NetGen does not support.</exception>
    public PathTemplate(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        Template = template;
        var literal = new StringBuilder();
        for (int i = 0; i < template.Length; i++)
        {
            char c = template[i];
            if (c == '}')
            {
                if (i + 1 < template.Length && template[i + 1] == '}')
                {
                    literal.Append('}');
                    i++;
                    continue;
                }
                throw Error($"a single '}}' at position {i}; write '}}}}' for a literal brace");
            }
            if (c != '{')
            {
                literal.Append(c);
                continue;
            }
            if (i + 1 < template.Length && template[i + 1] == '{')
            {
                literal.Append('{');
                i++;
                continue;
            }
            int close = template.IndexOf('}', i + 1);
            if (close < 0) throw Error($"the '{{' at position {i} is never closed");
            if (literal.Length > 0)
            {
                _parts.Add(new Part(literal.ToString(), null, default));
                literal.Clear();
            }
            _parts.Add(ParseField(template[(i + 1)..close]));
            i = close;
        }
        if (literal.Length > 0) _parts.Add(new Part(literal.ToString(), null, default));
    }

    /// <summary>The template as written.</summary>
    public string Template { get; }

    /// <summary>
    /// Fills the template: <c>epoch</c> is <paramref name="epochNumber"/> (an integer; Keras passes the 1-based epoch),
    /// every other field is the value of that key in <paramref name="logs"/>.
    /// </summary>
    /// <exception cref="KeyNotFoundException">A field names a key the logs do not have; the message lists the keys they have.</exception>
    /// <exception cref="FormatException">A <c>d</c> format is applied to a (floating-point) log value, which Python rejects too.</exception>
    public string Format(int epochNumber, IDictionary<string, double> logs)
    {
        ArgumentNullException.ThrowIfNull(logs);
        var path = new StringBuilder();
        foreach (Part part in _parts)
        {
            if (part.Field is null)
            {
                path.Append(part.Literal);
                continue;
            }
            if (part.Field == EpochField)
            {
                path.Append(FormatInteger(epochNumber, part.Spec));
                continue;
            }
            if (!logs.TryGetValue(part.Field, out double value))
            {
                var available = new List<string> { EpochField };
                available.AddRange(logs.Keys);
                throw new KeyNotFoundException(
                    $"The file path template \"{Template}\" uses '{part.Field}', which this epoch's logs do not have. " +
                    $"Available keys: {string.Join(", ", available)}.");
            }
            path.Append(FormatFloat(value, part.Field, part.Spec));
        }
        return path.ToString();
    }

    private Part ParseField(string field)
    {
        int colon = field.IndexOf(':');
        string name = colon < 0 ? field : field[..colon];
        string spec = colon < 0 ? "" : field[(colon + 1)..];
        if (name.Length == 0)
            throw Error("a field without a name ('{}'); name the value, e.g. '{epoch:02d}' or '{val_loss:.2f}'");
        if (name.Contains('{'))
            throw Error($"a '{{' inside the field '{{{field}}}'");
        if (name.IndexOfAny(['!', '.', '[', ']']) >= 0)
            throw Error($"the field '{{{field}}}': conversions (!r, !s) and attribute or index access are not supported; use a plain log key such as 'val_loss'");
        if (spec.Contains('{'))
            throw Error($"nested fields in the format of '{{{field}}}' are not supported");
        return new Part(null, name, ParseSpec(name, spec));
    }

    private FormatSpec ParseSpec(string name, string spec)
    {
        int i = 0;
        bool zeroPad = false;
        int width = 0;
        int precision = -1;
        char type = '\0';
        if (i < spec.Length && spec[i] == '0')
        {
            zeroPad = true;
            i++;
        }
        int start = i;
        while (i < spec.Length && char.IsAsciiDigit(spec[i])) i++;
        if (i > start) width = int.Parse(spec.AsSpan(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture);
        if (i < spec.Length && spec[i] == '.')
        {
            start = ++i;
            while (i < spec.Length && char.IsAsciiDigit(spec[i])) i++;
            if (i == start) throw UnsupportedSpec(name, spec);
            precision = int.Parse(spec.AsSpan(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture);
        }
        if (i < spec.Length && "dfFeEgG".Contains(spec[i])) type = spec[i++];
        if (i != spec.Length) throw UnsupportedSpec(name, spec);
        if (type == 'd' && precision >= 0)
            throw Error($"the format '{spec}' of '{name}': a precision is not allowed with 'd' (Python rejects it too)");
        if (type == '\0' && precision >= 0)
            throw Error($"the format '{spec}' of '{name}' has a precision but no type; write '.{precision}f', '.{precision}e' or '.{precision}g'");
        return new FormatSpec(zeroPad, width, precision, type);
    }

    private FormatException UnsupportedSpec(string name, string spec) =>
        Error($"the format '{spec}' of '{name}' is not supported; path templates support d, 0Nd, .Nf, .Ne, .Ng (or F, E, G), a width, or no format");

    private FormatException Error(string problem) =>
        new($"The file path template \"{Template}\" has {problem}.");

    private static string FormatInteger(int value, FormatSpec spec) => spec.Type switch
    {
        '\0' or 'd' => Pad(value.ToString(CultureInfo.InvariantCulture), spec),
        _ => FormatFloat(value, EpochField, spec),
    };

    private static string FormatFloat(double value, string name, FormatSpec spec)
    {
        int precision = spec.Precision < 0 ? 6 : spec.Precision;
        string text = spec.Type switch
        {
            '\0' => PythonFloat.Repr(value),
            'f' or 'F' => PythonFloat.Fixed(value, precision, spec.Type == 'F'),
            'e' or 'E' => PythonFloat.Exponent(value, precision, spec.Type == 'E'),
            'g' or 'G' => PythonFloat.General(value, precision, spec.Type == 'G'),
            _ => throw new FormatException(
                $"Cannot format '{name}' = {PythonFloat.Repr(value)} with 'd': log values are floating-point numbers " +
                "(Python rejects this too: \"Unknown format code 'd' for object of type 'float'\"). Use '.0f' for no decimals."),
        };
        return Pad(text, spec);
    }

    /// <summary>Numbers align right; a zero flag pads with zeros after the sign, as Python does.</summary>
    private static string Pad(string text, FormatSpec spec)
    {
        if (text.Length >= spec.Width) return text;
        if (!spec.ZeroPad) return text.PadLeft(spec.Width);
        int signLength = text.StartsWith('-') ? 1 : 0;
        return text[..signLength] + new string('0', spec.Width - text.Length) + text[signLength..];
    }

    /// <summary>One piece of the template: a literal (<see cref="Field"/> null) or a field with its format.</summary>
    private readonly record struct Part(string? Literal, string? Field, FormatSpec Spec);

    /// <summary>A parsed format spec: <c>[0][width][.precision][type]</c>; precision −1 and type '\0' when absent.</summary>
    private readonly record struct FormatSpec(bool ZeroPad, int Width, int Precision, char Type);
}
