using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Attune.Rpc.Tests")]
