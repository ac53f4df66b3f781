project = "shop"

runner {
  enabled = true

  data_source "git" {
    url  = "https://github.com/birch/shop.git"
    ref  = "release"
    path = "apps"
  }

  poll {
    enabled = false
  }
}

variable "database_password" {
  type        = string
  sensitive   = true
  description = "Password of the Cloud SQL user (set by pilot apply, never written to a file)"
}

variable "database_private_address" {
  type        = string
  description = "Private IP of the Cloud SQL instance (bound by pilot apply from Terraform output database_private_address)"
}

variable "gcp_shop_run_service_account" {
  type        = string
  description = "Service account the Cloud Run apps of project shop run as (bound by pilot apply from Terraform output gcp_shop_run_service_account)"
}

variable "gcp_sql_connection_name" {
  type        = string
  description = "Cloud SQL connection name (project:region:instance) (bound by pilot apply from Terraform output gcp_sql_connection_name)"
}

variable "gcp_vpc_connector" {
  type        = string
  description = "Serverless VPC Access connector Cloud Run uses to reach the database (bound by pilot apply from Terraform output gcp_vpc_connector)"
}

variable "secret_SHOP_SESSION_KEY" {
  type        = string
  sensitive   = true
  description = "Value of secret('SHOP_SESSION_KEY') (set by pilot apply, never written to a file)"
}

variable "shop_storefront_bucket" {
  type        = string
  description = "Bucket holding shop/storefront's files (bound by pilot apply from Terraform output shop_storefront_bucket)"
}

variable "shop_storefront_url_map" {
  type        = string
  description = "URL map serving shop/storefront through Cloud CDN (bound by pilot apply from Terraform output shop_storefront_url_map)"
}

app "api-cuu7h4" {
  path = "api"

  build {
    use "docker" {
      dockerfile         = "Dockerfile.prod"
      buildkit           = true
      disable_entrypoint = true
    }

    registry {
      use "docker" {
        image = "europe-west1-docker.pkg.dev/birch-platform/birch--shop/api"
        tag   = gitrefpretty()
      }
    }
  }

  deploy {
    use "google-cloud-run" {
      project              = "birch-platform"
      location             = "europe-west1"
      port                 = 8080
      service_account_name = var.gcp_shop_run_service_account
      static_environment   = {
        DATABASE_NAME = "app"
        PGDATABASE    = "app"
        PGHOST        = var.database_private_address
        PGPASSWORD    = var.database_password
        PGPORT        = "5432"
        PGSSLMODE     = "require"
        PGUSER        = "pilot"
        SESSION_KEY   = var.secret_SHOP_SESSION_KEY
      }
      cloudsql_instances   = [var.gcp_sql_connection_name]

      capacity {
        memory                     = 1024
        cpu_count                  = 2
        request_timeout            = 300
        max_requests_per_container = 80
      }

      auto_scaling {
        max = 20
      }

      vpc_access {
        connector = var.gcp_vpc_connector
        egress    = "private-ranges-only"
      }
    }
  }

  release {
    use "google-cloud-run" {
    }
  }
}

app "storefront-cuu7h4" {
  path = "storefront"

  build {
    use "docker-pull" {
      image              = "ghcr.io/pilot-framework/pilot-runtime"
      tag                = "0.1.0"
      disable_entrypoint = true
    }
  }

  deploy {
    use "exec" {
      command = ["pilot-static", "deploy", "cloud-cdn", "--bucket", var.shop_storefront_bucket, "--url-map", var.shop_storefront_url_map, "--project", "birch-platform", "--script", "build:prod", "--out-dir", "dist"]
    }
  }
}

app "worker-cuu7h4" {
  path = "worker"

  build {
    use "docker" {
      buildkit           = true
      disable_entrypoint = true
    }

    registry {
      use "docker" {
        image = "europe-west1-docker.pkg.dev/birch-platform/birch--shop/worker"
        tag   = gitrefpretty()
      }
    }
  }

  deploy {
    use "google-cloud-run" {
      project              = "birch-platform"
      location             = "europe-west1"
      port                 = 8080
      service_account_name = var.gcp_shop_run_service_account
      static_environment   = {
        PGDATABASE = "app"
        PGHOST     = var.database_private_address
        PGPASSWORD = var.database_password
        PGPORT     = "5432"
        PGSSLMODE  = "require"
        PGUSER     = "pilot"
      }
      cloudsql_instances   = [var.gcp_sql_connection_name]

      capacity {
        memory                     = 512
        cpu_count                  = 1
        request_timeout            = 900
        max_requests_per_container = 1
      }

      auto_scaling {
        max = 10
      }

      vpc_access {
        connector = var.gcp_vpc_connector
        egress    = "private-ranges-only"
      }
    }
  }

  release {
    use "google-cloud-run" {
    }
  }
}
