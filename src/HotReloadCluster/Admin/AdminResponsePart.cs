using HotReloadCluster.Serialization;

namespace HotReloadCluster.Admin;

/// <summary>
/// One part of an <see cref="AdminResponse"/> too large for one remoting frame: the serialized response cut into
/// <see cref="MaxBytes"/> pieces. The first part answers the request; the console asks for the others with
/// <see cref="AdminFetchPart"/> and puts them together. So <c>hrc show</c>, <c>history</c> and <c>diff</c> work at any
/// size up to the file limit without raising Akka.Remote's frame size.
/// </summary>
/// <param name="Id">The response's id (random, unguessable; kept for <see cref="KeptFor"/>).</param>
/// <param name="Index">This part's index, from 0.</param>
/// <param name="Count">How many parts there are.</param>
/// <param name="Data">This part's bytes.</param>
public sealed record AdminResponsePart(string Id, int Index, int Count, byte[] Data) : IHotReloadMessage
{
    /// <summary>The largest part: 64 KiB, half of Akka.Remote's default frame size.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>How long the endpoint keeps a large response for its parts to be fetched.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromSeconds(60);
}
