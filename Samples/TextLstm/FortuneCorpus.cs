using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;

namespace NetGen.Samples.TextLstm;

/// <summary>
/// A labelled text corpus from Debian's <c>fortunes</c> package: the fortune cookies of four of its categories, each
/// text labelled with its category. Read from <c>/usr/share/games/fortunes</c> when the package is installed
/// (<c>apt-get install fortunes</c>: about 3,100 texts), else from the first 160 of each category bundled with the
/// sample (Data/, 640 texts). Fortune files hold texts separated by lines of a single <c>%</c>.
/// </summary>
public static class FortuneCorpus
{
    /// <summary>The categories, in label order (label 0 is "computers").</summary>
    public static readonly string[] Categories = ["computers", "politics", "science", "songs-poems"];

    /// <summary>Where Debian's fortunes package installs its files.</summary>
    public const string PackageFolder = "/usr/share/games/fortunes";

    /// <summary>The texts and their labels (category indices), and where they came from.</summary>
    /// <param name="bundledOnly">Use the bundled copy even when the package is installed (tests, reproducible runs).</param>
    public static (List<string> Texts, List<int> Labels, string Source) Load(bool bundledOnly = false)
    {
        bool installed = !bundledOnly && Array.TrueForAll(Categories, category => File.Exists(Path.Combine(PackageFolder, category)));
        var texts = new List<string>();
        var labels = new List<int>();
        for (int label = 0; label < Categories.Length; label++)
        {
            string content = installed ? File.ReadAllText(Path.Combine(PackageFolder, Categories[label])) : ReadBundled(Categories[label]);
            foreach (string text in Split(content))
            {
                texts.Add(text);
                labels.Add(label);
            }
        }
        string source = installed ? $"{PackageFolder} (Debian's fortunes)" : "the copy bundled with the sample (apt-get install fortunes for all of them)";
        return (texts, labels, source);
    }

    /// <summary>The texts of a fortune file: the runs of lines between lines that hold only <c>%</c>, without empty ones.</summary>
    public static IEnumerable<string> Split(string content)
    {
        var lines = new List<string>();
        foreach (string line in content.Replace("\r\n", "\n").Split('\n'))
        {
            if (line != "%")
            {
                lines.Add(line);
                continue;
            }
            string text = string.Join("\n", lines).Trim('\n');
            if (text.Trim().Length > 0) yield return text;
            lines.Clear();
        }
        string last = string.Join("\n", lines).Trim('\n');
        if (last.Trim().Length > 0) yield return last;
    }

    private static string ReadBundled(string category)
    {
        using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("fortunes/" + category)
            ?? throw new FileNotFoundException($"The bundled fortunes '{category}' are missing from the sample's assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
