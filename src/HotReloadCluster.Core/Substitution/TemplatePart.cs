namespace HotReloadCluster.Core.Substitution;

/// <summary>One piece of a scanned string template.</summary>
internal abstract record TemplatePart
{
    private TemplatePart()
    {
    }

    /// <summary>Plain text, escapes already turned into <c>${</c>.</summary>
    internal sealed record Literal(string Text) : TemplatePart;

    /// <summary>A well-formed reference.</summary>
    internal sealed record Reference(string Name, string? DefaultValue) : TemplatePart;

    /// <summary>Something that starts like a reference but is not one; <see cref="Problem"/> says why.</summary>
    internal sealed record Malformed(string Name, string Problem) : TemplatePart;
}
