using Attune.Rpc.Tests.Infrastructure;

[assembly: AssemblyFixture(typeof(EchoServerFixture))]
