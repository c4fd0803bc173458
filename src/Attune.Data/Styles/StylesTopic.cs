namespace Attune.Data.Styles;

/// <summary>An everyday topic of the styles world: an activity ("keeping houseplants alive"), a noun for jokes, five tips.</summary>
/// <param name="Activity">Gerund phrase used in prompts and intros.</param>
/// <param name="Subject">Short noun phrase ("houseplants") used by jokes.</param>
/// <param name="Tips">Five advice clauses in the imperative, lower case, without final punctuation or contractions.</param>
internal sealed record StylesTopic(string Activity, string Subject, string[] Tips);
