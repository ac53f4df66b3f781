project = "acme"

runner {
  enabled = true

  data_source "git" {
    url = "https://github.com/acme/acme.git"
    ref = "main"
  }

  poll {
    enabled  = true
    interval = "60s"
  }
}

variable "acme_invoices_certificate_arn" {
  type        = string
  description = "ACM certificate of acme/invoices's HTTPS load balancer (bound by pilot apply from Terraform output acme_invoices_certificate_arn)"
}

variable "acme_invoices_execution_role_name" {
  type        = string
  description = "ECS task execution role of acme/invoices (bound by pilot apply from Terraform output acme_invoices_execution_role_name)"
}

variable "acme_invoices_security_group_id" {
  type        = string
  description = "Security group of acme/invoices's tasks (bound by pilot apply from Terraform output acme_invoices_security_group_id)"
}

variable "acme_web_bucket" {
  type        = string
  description = "Bucket holding acme/web's files (bound by pilot apply from Terraform output acme_web_bucket)"
}

variable "acme_web_distribution_id" {
  type        = string
  description = "CloudFront distribution of acme/web (bound by pilot apply from Terraform output acme_web_distribution_id)"
}

variable "aws_app_subnet_ids" {
  type        = list(string)
  description = "Subnets ECS tasks run in (bound by pilot apply from Terraform output aws_app_subnet_ids)"
}

variable "database_endpoint" {
  type        = string
  description = "Hostname of the database (private network only) (bound by pilot apply from Terraform output database_endpoint)"
}

variable "database_secret_arn" {
  type        = string
  description = "Secrets Manager secret holding the database master password (bound by pilot apply from Terraform output database_secret_arn)"
}

variable "gcp_acme_run_service_account" {
  type        = string
  description = "Service account the Cloud Run apps of project acme run as (bound by pilot apply from Terraform output gcp_acme_run_service_account)"
}

variable "secret_AUTH_JWT_SECRET" {
  type        = string
  sensitive   = true
  description = "Value of secret('AUTH_JWT_SECRET') (set by pilot apply, never written to a file)"
}

variable "secret_INVOICES_STRIPE_KEY_arn" {
  type        = string
  description = "ARN of the Secrets Manager secret holding secret('INVOICES_STRIPE_KEY') (bound by pilot apply from Terraform output secret_INVOICES_STRIPE_KEY_arn)"
}

app "auth-m7ffma" {
  path = "services/auth"

  build {
    use "docker" {
      buildkit           = true
      disable_entrypoint = true
    }

    registry {
      use "docker" {
        image = "us-central1-docker.pkg.dev/acme-prod/acme--acme/auth"
        tag   = gitrefpretty()
      }
    }
  }

  deploy {
    use "google-cloud-run" {
      project              = "acme-prod"
      location             = "us-central1"
      port                 = 8080
      service_account_name = var.gcp_acme_run_service_account
      static_environment   = {
        JWT_SECRET = var.secret_AUTH_JWT_SECRET
        LOG_LEVEL  = "info"
      }

      capacity {
        memory                     = 512
        cpu_count                  = 1
        request_timeout            = 300
        max_requests_per_container = 80
      }

      auto_scaling {
        max = 10
      }
    }
  }

  release {
    use "google-cloud-run" {
    }
  }
}

app "invoices-m7ffma" {
  path = "services/invoices"

  build {
    use "docker" {
      buildkit           = true
      disable_entrypoint = true
    }

    registry {
      use "aws-ecr" {
        region     = "us-east-1"
        repository = "acme/acme/invoices"
        tag        = gitrefpretty()
      }
    }
  }

  deploy {
    use "aws-ecs" {
      region              = "us-east-1"
      cluster             = "acme--acme"
      log_group           = "/pilot/acme--acme--invoices"
      execution_role_name = var.acme_invoices_execution_role_name
      subnets             = var.aws_app_subnet_ids
      security_group_ids  = [var.acme_invoices_security_group_id]
      memory              = 1024
      cpu                 = 256
      count               = 1
      architecture        = "x86_64"
      service_port        = 3000
      assign_public_ip    = true
      static_environment  = {
        NODE_ENV   = "production"
        PGDATABASE = "app"
        PGHOST     = var.database_endpoint
        PGPORT     = "5432"
        PGSSLMODE  = "require"
        PGUSER     = "pilot"
      }
      secrets             = {
        PGPASSWORD = "${var.database_secret_arn}:password::"
        STRIPE_KEY = var.secret_INVOICES_STRIPE_KEY_arn
      }

      alb {
        subnets     = var.aws_app_subnet_ids
        certificate = var.acme_invoices_certificate_arn
      }

      health_check {
        protocol = "HTTP"
        path     = "/"
        timeout  = 5
        interval = 30
      }
    }
  }
}

app "web-m7ffma" {
  path = "web"

  build {
    use "docker-pull" {
      image              = "ghcr.io/pilot-framework/pilot-runtime"
      tag                = "0.1.0"
      disable_entrypoint = true
    }
  }

  deploy {
    use "exec" {
      command = ["pilot-static", "deploy", "cloudfront", "--bucket", var.acme_web_bucket, "--distribution-id", var.acme_web_distribution_id, "--region", "us-east-1", "--script", "build", "--out-dir", "build"]
    }
  }
}
