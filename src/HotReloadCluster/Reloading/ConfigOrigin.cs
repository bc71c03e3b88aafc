using System.Globalization;

namespace HotReloadCluster.Reloading;

/// <summary>Where a version came from: the file (path and hash), an admin (who), a rollback (to which version, why).</summary>
/// <param name="Kind">The kind of origin.</param>
/// <param name="FilePath">The file read, for <see cref="OriginKind.Initial"/>, <see cref="OriginKind.File"/> and <see cref="OriginKind.Admin"/>.</param>
/// <param name="By">Who asked, for admin actions and manual rollbacks.</param>
/// <param name="RollbackTo">The version whose content was restored, for <see cref="OriginKind.Rollback"/>.</param>
/// <param name="Reason">Why, for automatic rollbacks (e.g. the failing apply hook's error).</param>
public sealed record ConfigOrigin(OriginKind Kind, string? FilePath = null, string? By = null, long? RollbackTo = null, string? Reason = null)
{
    /// <summary>The origin of a topic's first version.</summary>
    public static ConfigOrigin Initial(string path) => new(OriginKind.Initial, FilePath: path);

    /// <summary>The origin of a file change.</summary>
    public static ConfigOrigin File(string path) => new(OriginKind.File, FilePath: path);

    /// <summary>The origin of an admin's manual reload.</summary>
    public static ConfigOrigin Admin(string path, string by) => new(OriginKind.Admin, FilePath: path, By: by);

    /// <summary>The origin of a rollback.</summary>
    /// <remarks>A long reason is cut to <see cref="MaxReasonLength"/> characters: it is journaled and travels with the version.</remarks>
    public static ConfigOrigin Rollback(long to, string? by, string? reason) =>
        new(OriginKind.Rollback, By: by, RollbackTo: to, Reason: reason is { Length: > MaxReasonLength } ? reason[..MaxReasonLength] + "..." : reason);

    /// <summary>The longest reason an origin keeps.</summary>
    public const int MaxReasonLength = 1000;

    /// <summary>Short text such as <c>file</c>, <c>admin(alice)</c>, <c>rollback(to 3)</c>.</summary>
    public override string ToString() => Kind switch
    {
        OriginKind.Initial => "initial",
        OriginKind.File => "file",
        OriginKind.Admin => string.Create(CultureInfo.InvariantCulture, $"admin({By})"),
        OriginKind.Rollback => string.Create(CultureInfo.InvariantCulture, $"rollback(to {RollbackTo})"),
        _ => Kind.ToString(),
    };
}
