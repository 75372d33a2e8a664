module example.com/cpuprofilegen

go 1.19
