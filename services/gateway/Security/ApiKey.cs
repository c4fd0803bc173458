namespace Attune.Gateway.Security;

/// <summary>An accepted API key: its holder's name, the SHA-256 of the key, and its bucket's rate and size.</summary>
/// <param name="Name">Who holds the key: the user name of an authenticated call and its rate limit's partition.</param>
/// <param name="Hash">SHA-256 of the key's UTF-8 bytes.</param>
/// <param name="PermitsPerSecond">Sustained calls per second.</param>
/// <param name="Burst">The bucket's size.</param>
public sealed record ApiKey(string Name, byte[] Hash, double PermitsPerSecond, int Burst);
