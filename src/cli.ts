// CLI placeholder.
console.log('engagement-totals');
