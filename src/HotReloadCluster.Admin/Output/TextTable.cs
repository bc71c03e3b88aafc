using System.Collections.Immutable;

namespace HotReloadCluster.Hrc.Output;

/// <summary>A titled table of text cells, rendered as a Spectre table on a terminal or as tab-separated lines.</summary>
/// <param name="Title">The title.</param>
/// <param name="Columns">The column headers.</param>
/// <param name="Rows">The rows, each as wide as <paramref name="Columns"/>.</param>
internal sealed record TextTable(string Title, ImmutableArray<string> Columns, ImmutableArray<ImmutableArray<string>> Rows);
