using Spectre.Console;

namespace HotReloadCluster.Hrc.Output;

/// <summary>
/// Human output: Spectre tables and colors on a terminal; plain text (tab-separated, no box drawing, no ANSI)
/// when stdout is redirected.
/// </summary>
internal sealed class HumanWriter
{
    private readonly IAnsiConsole? _rich;
    private readonly TextWriter? _plain;

    private HumanWriter(IAnsiConsole? rich, TextWriter? plain)
    {
        _rich = rich;
        _plain = plain;
    }

    /// <summary>Whether tables and colors are drawn.</summary>
    public bool IsRich => _rich is not null;

    /// <summary>Plain text to <paramref name="writer"/>.</summary>
    public static HumanWriter Plain(TextWriter writer) => new(null, writer);

    /// <summary>Tables and colors on <paramref name="console"/>.</summary>
    public static HumanWriter Rich(IAnsiConsole console) => new(console, null);

    /// <summary>A table: a titled Spectre table, or a title line, a header line and one tab-separated line per row.</summary>
    public void Table(TextTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (_rich is not null)
        {
            var rendered = new Table { Title = new TableTitle(Markup.Escape(table.Title)), Border = TableBorder.Rounded };
            foreach (var column in table.Columns)
            {
                rendered.AddColumn(new TableColumn(Markup.Escape(column)));
            }

            foreach (var row in table.Rows)
            {
                rendered.AddRow(row.Select(cell => (Spectre.Console.Rendering.IRenderable)new Text(cell)).ToArray());
            }

            _rich.Write(rendered);
            return;
        }

        _plain!.WriteLine(table.Title.ToUpperInvariant());
        _plain.WriteLine(string.Join('\t', table.Columns));
        foreach (var row in table.Rows)
        {
            _plain.WriteLine(string.Join('\t', row.Select(Flatten)));
        }
    }

    /// <summary>A line, colored on a terminal.</summary>
    public void Line(string text, Color? color = null)
    {
        if (_rich is not null)
        {
            _rich.Write(new Text(text + Environment.NewLine, color is { } c ? new Style(c) : Style.Plain));
            return;
        }

        _plain!.WriteLine(text);
    }

    /// <summary>An empty line between blocks.</summary>
    public void Gap() => Line(string.Empty);

    /// <summary>Text exactly as given (stored content): never markup, never wrapped.</summary>
    public void Raw(string text)
    {
        if (_rich is not null)
        {
            _rich.Profile.Out.Writer.Write(text);
            _rich.Profile.Out.Writer.Flush();
            return;
        }

        _plain!.Write(text);
    }

    private static string Flatten(string cell) => cell.Replace('\t', ' ').Replace('\r', ' ').Replace('\n', ' ');
}
