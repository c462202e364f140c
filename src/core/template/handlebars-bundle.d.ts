declare module "handlebars/dist/handlebars.min.js" {
  const handlebars: typeof import("handlebars");
  export default handlebars;
}
