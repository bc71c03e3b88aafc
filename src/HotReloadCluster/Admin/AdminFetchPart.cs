using HotReloadCluster.Serialization;

namespace HotReloadCluster.Admin;

/// <summary>Asks the endpoint for part <paramref name="Index"/> of a large response; answered with <see cref="AdminResponsePart"/>.</summary>
/// <param name="Token">The admin token (the same that sent the request).</param>
/// <param name="Id">The response's id.</param>
/// <param name="Index">The part's index.</param>
public sealed record AdminFetchPart(string Token, string Id, int Index) : IHotReloadMessage
{
    /// <summary>The request without its token, for anything that prints it.</summary>
    public override string ToString() => $"AdminFetchPart({Id}, {Index}, token ***)";
}
