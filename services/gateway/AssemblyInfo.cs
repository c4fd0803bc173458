using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Attune.Gateway.Tests")]
