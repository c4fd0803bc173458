// Each test runs its own three service processes (and trains models): more than two such stacks at once on the
// project's 2-core machines only make every one of them slower.
[assembly: CollectionBehavior(MaxParallelThreads = 2)]
