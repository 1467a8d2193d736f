pub mod basemap;
