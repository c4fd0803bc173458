using Attune.Data;
using Attune.Data.Styles;
using V1 = Attune.Contracts.V1;

namespace Attune.IntegrationTests.Infrastructure;

/// <summary>
/// Feedback from the <c>styles</c> world (deterministic for its seed): the 24 users for whom formality is one of their
/// two attributes (12 prefer formal answers, 12 casual ones), so formal/casual is the direction the population shares and
/// the trained basis must carry; plus probe responses that differ in formality only, and answers of a newcomer who
/// prefers formal answers.
/// </summary>
public sealed class StylesPopulation
{
    private readonly PreferenceDataset _dataset;
    private readonly StylesGroundTruth _truth;

    private StylesPopulation(PreferenceDataset dataset)
    {
        _dataset = dataset;
        _truth = (StylesGroundTruth)dataset.GroundTruth!;
        var users = StylesUser.All().Where(u => u.First == StyleAttribute.Formality || u.Second == StyleAttribute.Formality).ToList();
        var ids = users.Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
        Comparisons = dataset.Comparisons.Where(c => ids.Contains(c.UserId)).ToList();
        FormalUser = users.First(u => FormalitySign(u) == 1).Id;
        CasualUser = users.First(u => FormalitySign(u) == -1).Id;
    }

    /// <summary>The formality users' comparisons, user by user.</summary>
    public IReadOnlyList<Comparison> Comparisons { get; }

    /// <summary>A population user who prefers formal answers (e.g. "long+formal").</summary>
    public string FormalUser { get; }

    /// <summary>A population user who prefers casual answers.</summary>
    public string CasualUser { get; }

    /// <summary>The styles world with all 84 users, <paramref name="comparisonsPerUser"/> each, over the first <paramref name="prompts"/> prompts.</summary>
    public static StylesPopulation Load(int seed, int comparisonsPerUser, int prompts) =>
        new(DatasetCatalog.Load("styles", new DatasetOptions { Seed = seed, ComparisonsPerUser = comparisonsPerUser, Prompts = prompts }));

    /// <summary>The request recording <paramref name="c"/>, with an optional client id.</summary>
    public static V1.RecordComparisonRequest Request(Comparison c, string? clientId = null) => new()
    {
        Comparison = new V1.Comparison
        {
            UserId = c.UserId, Prompt = c.Prompt, ResponseA = c.ResponseA, ResponseB = c.ResponseB, Preference = c.Preference,
            ClientId = clientId ?? "",
        },
    };

    /// <summary>
    /// Two responses to prompt <paramref name="promptIndex"/> with every attribute at level 0 except formality (+1 for
    /// the first, -1 for the second), rendered with the same seeded word choices.
    /// </summary>
    public static (string Prompt, string Formal, string Casual) FormalityProbe(int promptIndex)
    {
        string Render(int formality)
        {
            var levels = new int[StyleDirections.AttributeCount];
            levels[(int)StyleAttribute.Formality] = formality;
            return StylesResponseGenerator.Render(promptIndex, levels, new Random(promptIndex));
        }

        return (StylesResponseGenerator.Prompts[promptIndex], Render(1), Render(-1));
    }

    /// <summary>
    /// <paramref name="count"/> distinct pairs of the world's pool whose responses differ in formality, answered as a
    /// user who cares only for formality would: the more formal response wins (preference 1 for a, 0 for b).
    /// </summary>
    public IReadOnlyList<(V1.CandidatePair Pair, double Preference)> FormalAnswers(int count)
    {
        var answers = new List<(V1.CandidatePair, double)>();
        var seen = new HashSet<(string, string, string)>();
        foreach (var c in _dataset.Comparisons)
        {
            var a = _truth.Levels(c.Prompt, c.ResponseA)[(int)StyleAttribute.Formality];
            var b = _truth.Levels(c.Prompt, c.ResponseB)[(int)StyleAttribute.Formality];
            if (a == b || !seen.Add((c.Prompt, c.ResponseA, c.ResponseB)))
            {
                continue;
            }

            answers.Add((new V1.CandidatePair { Prompt = c.Prompt, ResponseA = c.ResponseA, ResponseB = c.ResponseB }, a > b ? 1.0 : 0.0));
            if (answers.Count == count)
            {
                break;
            }
        }

        return answers;
    }

    private static int FormalitySign(StylesUser u) => u.First == StyleAttribute.Formality ? u.FirstSign : u.SecondSign;
}
