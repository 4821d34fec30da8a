package plugin

// Login is a user and password login: the flags of every product that has
// one. Its environment variables are PRODUCT_USER and PRODUCT_PASSWORD,
// PRODUCT being the env-namespace of the group that holds it:
//
//	Login plugin.Login `group:"Webim service login" env-namespace:"WEBIM"`
//
// reads WEBIM_USER and WEBIM_PASSWORD. A test holds every login of the
// registry to having a namespace (a bare USER would be the Unix one).
type Login struct {
	User         string `short:"U" long:"user" env:"USER" value-name:"USER" description:"user"`
	Password     Secret `short:"P" long:"password" env:"PASSWORD" default-mask:"-" value-name:"PASSWORD" description:"password; prefer the environment variable or --password-file (the command line shows in ps)"`
	PasswordFile string `long:"password-file" value-name:"FILE" description:"read the password from the first line of FILE"`
}
