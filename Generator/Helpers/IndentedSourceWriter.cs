using System;
using System.Text;

namespace NetGen.Generator.Helpers;

/// <summary>
/// Writes C# with four-space indentation; <see cref="Block"/> opens a brace and closes it when disposed.
/// Output uses '\n' line endings only, so generated files are byte-identical on every platform.
/// </summary>
internal sealed class IndentedSourceWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    public void Line(string line = "")
    {
        if (line.Length == 0)
        {
            _text.Append('\n');
            return;
        }
        foreach (string part in line.Split('\n'))
        {
            if (part.Length > 0) _text.Append(' ', _indent * 4).Append(part);
            _text.Append('\n');
        }
    }

    public BlockScope Block(string header, string close = "}")
    {
        Line(header);
        Line("{");
        _indent++;
        return new BlockScope(this, close);
    }

    /// <summary>A bare <c>{ }</c> scope, for code that reads better with its own local names.</summary>
    public BlockScope Scope()
    {
        Line("{");
        _indent++;
        return new BlockScope(this, "}");
    }

    public void Indent() => _indent++;

    public void Unindent() => _indent--;

    public override string ToString()
    {
        if (_indent != 0) throw new InvalidOperationException($"Unbalanced indentation: {_indent} block(s) left open.");
        return _text.ToString();
    }

    internal readonly struct BlockScope : IDisposable
    {
        private readonly IndentedSourceWriter _writer;
        private readonly string _close;

        public BlockScope(IndentedSourceWriter writer, string close)
        {
            _writer = writer;
            _close = close;
        }

        public void Dispose()
        {
            _writer._indent--;
            _writer.Line(_close);
        }
    }
}
