namespace Attune.Rpc;

/// <summary>What every call object exposes about the call behind it.</summary>
internal interface IClientCallState : IDisposable
{
    Task<Metadata> ResponseHeadersAsync { get; }

    Status GetStatus();

    Metadata GetTrailers();
}
