using System.Text;
using Attune.ServiceDefaults;

namespace Attune.Generator.Domain;

/// <summary>Which backend outputs can be scored: distinct, not blank, within the adapter's 32 KiB text limit.</summary>
public static class CandidateTexts
{
    /// <summary>The usable texts of <paramref name="texts"/>, first occurrence kept, order preserved.</summary>
    public static List<string> Usable(IEnumerable<string> texts)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return texts.Where(t => !string.IsNullOrWhiteSpace(t) && Encoding.UTF8.GetByteCount(t) <= FieldValidation.MaxTextBytes && seen.Add(t)).ToList();
    }
}
