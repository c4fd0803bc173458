using System.Text;
using Attune.Gateway.Relay;

namespace Attune.Gateway.Tests.Unit;

/// <summary>The dynamic table's ring storage against a plain list model under random adds and size changes.</summary>
public sealed class HpackDynamicTableTests
{
    [Theory]
    [InlineData(256)]
    [InlineData(4096)]
    [InlineData(100)]
    public void Add_randomEntriesAndSizeChanges_matchesAListModel(int capacity)
    {
        var random = new Random(capacity);
        var table = new HpackDynamicTable(capacity);
        var model = new List<(string Name, string Value)>();
        var maxSize = capacity;
        for (var step = 0; step < 20_000; step++)
        {
            if (random.Next(50) == 0)
            {
                maxSize = random.Next(capacity + 1);
                table.SetMaxSize(maxSize);
            }
            else
            {
                var name = Text(random, random.Next(2) == 0 ? 8 : capacity / 2);
                var value = Text(random, random.Next(3) == 0 ? capacity : 20);
                if (random.Next(5) == 0 && table.Count > 0)
                {
                    // A name taken from the table itself, as "literal with incremental indexing, indexed name".
                    var index = random.Next(1, table.Count + 1);
                    table.Get(index, out var storedName, out _);
                    name = Encoding.Latin1.GetString(storedName);
                    table.Add(storedName, Encoding.Latin1.GetBytes(value));
                }
                else
                {
                    table.Add(Encoding.Latin1.GetBytes(name), Encoding.Latin1.GetBytes(value));
                }

                model.Insert(0, (name, value));
            }

            while (model.Sum(e => e.Name.Length + e.Value.Length + 32) > maxSize)
            {
                model.RemoveAt(model.Count - 1);
            }

            Assert.Equal(model.Count, table.Count);
            Assert.Equal(model.Sum(e => e.Name.Length + e.Value.Length + 32), table.Size);
            for (var i = 1; i <= table.Count; i++)
            {
                table.Get(i, out var name, out var value);
                Assert.Equal(model[i - 1], (Encoding.Latin1.GetString(name), Encoding.Latin1.GetString(value)));
            }
        }
    }

    private static string Text(Random random, int maxLength)
    {
        var chars = new char[random.Next(maxLength + 1)];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = (char)random.Next('a', 'z' + 1);
        }

        return new string(chars);
    }
}
