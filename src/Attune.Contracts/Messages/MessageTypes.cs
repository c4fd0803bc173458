namespace Attune.Contracts.Messages;

/// <summary>
/// The bus messages by name, for outboxes that store a message as (type name, JSON) and publish it later.
/// </summary>
public static class MessageTypes
{
    private static readonly Dictionary<string, Type> ByName = new[]
    {
        typeof(FeedbackRecorded), typeof(UserErased), typeof(ModelTrained), typeof(ModelPromoted), typeof(TrainModel),
    }.ToDictionary(t => t.Name, StringComparer.Ordinal);

    /// <summary>The message type named <paramref name="name"/> (e.g. <c>FeedbackRecorded</c>).</summary>
    /// <exception cref="ArgumentException">No bus message has that name.</exception>
    public static Type Resolve(string name) =>
        ByName.TryGetValue(name, out var type)
            ? type
            : throw new ArgumentException($"'{name}' is not a bus message; known: {string.Join(", ", ByName.Keys)}.", nameof(name));
}
