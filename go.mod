module github.com/corsim/corsim

go 1.26.0

require (
	github.com/go-chi/cors v1.2.2
	github.com/google/go-cmp v0.7.0
	github.com/rs/cors v1.11.1
	go.yaml.in/yaml/v3 v3.0.6
	golang.org/x/net v0.62.0
	pgregory.net/rapid v1.3.0
)

require golang.org/x/text v0.43.0 // indirect
